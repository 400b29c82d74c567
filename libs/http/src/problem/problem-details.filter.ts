import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from '../service-logger';
import { HttpError } from './http-errors';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
import { toProblem } from './problem-mapper';

/** The answer to a failed request: its status, media type and body. */
export interface RenderedProblem {
  status: number;
  contentType: string;
  body: unknown;
}

/** Answers every failed HTTP request with application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<IncomingMessage & { originalUrl?: string }>();
    const response = host.switchToHttp().getResponse<unknown>();
    // The path without its query, which may hold personal data.
    const instance = (request.originalUrl ?? request.url ?? '/').split('?')[0];
    const problem = toProblem(exception, instance);
    // An HttpError is an answer the service meant to give; anything else at 5xx is a fault.
    if (problem.status >= 500 && !(exception instanceof HttpError)) {
      // The error and where it happened; never the request body.
      this.logger.error({ err: exception, method: request.method, path: instance }, 'request failed');
    }

    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    const { status, contentType, body } = this.render(problem, exception);
    adapter.setHeader(response, 'Content-Type', contentType);
    if (status === 401) adapter.setHeader(response, 'WWW-Authenticate', 'Bearer');
    adapter.reply(response, body, status);
  }

  /** How a problem is sent. A protocol with its own error resource (FHIR's OperationOutcome) overrides it. */
  protected render(problem: ProblemDetails, _exception: unknown): RenderedProblem {
    return { status: problem.status, contentType: PROBLEM_CONTENT_TYPE, body: problem };
  }
}
