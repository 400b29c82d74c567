import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@samenspel/contracts';
import { STATUS_CODES } from 'node:http';
import { HttpError } from './http-errors';
import { problemType, type ProblemDetails } from './problem-details';
import { RequestValidationError } from './validation-pipe';

export const UNEXPECTED_ERROR_DETAIL =
  'An unexpected error occurred. Quote the x-correlation-id response header when you report it.';

export const NO_ROUTE_DETAIL = 'No route answers this method and path';

/** The status that answers each kind of domain error: the one place a domain rule meets HTTP. */
const STATUS_OF_DOMAIN_ERROR: Readonly<Record<DomainErrorKind, number>> = {
  'invalid-field': 400,
  'out-of-scope': 403,
  'not-found': 404,
  'state-conflict': 409,
  'rule-violation': 422,
};

/** Turns anything thrown while handling a request into problem details; `instance` is the request path. */
export function toProblem(exception: unknown, instance: string): ProblemDetails {
  if (exception instanceof DomainError) {
    return fromCoded(exception, STATUS_OF_DOMAIN_ERROR[exception.kind], instance);
  }
  if (exception instanceof HttpError) return fromCoded(exception, exception.status, instance);
  if (exception instanceof RequestValidationError) {
    return {
      type: problemType('validation-failed'),
      title: 'Validation failed',
      status: 400,
      detail: exception.message,
      instance,
      errors: exception.fieldErrors,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception, instance);
  return fromStatus(500, UNEXPECTED_ERROR_DETAIL, instance);
}

/** Extensions first, so that none of them replaces a standard member. */
function fromCoded(exception: DomainError | HttpError, status: number, instance: string): ProblemDetails {
  return {
    ...exception.extensions,
    type: problemType(exception.code),
    title: exception.title,
    status,
    detail: exception.message,
    instance,
  };
}

function fromHttpException(exception: HttpException, instance: string): ProblemDetails {
  const status = exception.getStatus();
  // body-parser's message quotes the body it could not parse.
  if (status === 400 && exception.cause instanceof SyntaxError) {
    return {
      ...fromStatus(400, 'The request body is not valid JSON', instance),
      type: problemType('malformed-json'),
    };
  }
  // The router's 404 quotes the method and path ("Cannot GET /…"), which is the caller's input.
  if (status === 404) return fromStatus(404, NO_ROUTE_DETAIL, instance);
  // A 500 HttpException comes from library code as often as from ours: its message stays in the log.
  const detail = status === 500 ? UNEXPECTED_ERROR_DETAIL : detailOf(exception);
  return fromStatus(status, detail, instance);
}

function fromStatus(status: number, detail: string, instance: string): ProblemDetails {
  const title = STATUS_CODES[status] ?? 'Error';
  const code = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { type: problemType(code), title, status, detail, instance };
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}
