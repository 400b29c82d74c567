import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem-details';

const UNKNOWN_FIELD_MESSAGE = 'is not a known field of this request';

/** A request body, query or path failed validation; carries the errors per field. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(
      `The request has ${fieldErrors.length} invalid field(s): ${fieldErrors.map((e) => e.field).join(', ')}`,
    );
  }
}

/** The ValidationPipe every service uses: unknown fields are rejected, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationError(toFieldErrors(errors)),
  });
}

/** Flattens class-validator's error tree into one entry per field, with dotted paths. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const messages = Object.entries(error.constraints ?? {})
      .reverse()
      .map(([constraint, message]) => messageFor(constraint, message, error.property));
    const own = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

function messageFor(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return UNKNOWN_FIELD_MESSAGE;
  const prefix = `${property} `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
