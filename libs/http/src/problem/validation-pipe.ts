import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { unstorableTextPath } from '@samenspel/persistence';
import type { FieldError } from './problem-details';

const UNKNOWN_FIELD_MESSAGE = 'is not a known field of this request';
const UNSTORABLE_TEXT_MESSAGE = 'must not contain a NUL character or half a surrogate pair';

/** A request body, query or path failed validation; carries the errors per field. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(
      `The request has ${fieldErrors.length} invalid field(s): ${fieldErrors.map((e) => e.field).join(', ')}`,
    );
  }
}

/**
 * Text PostgreSQL cannot store is refused here, as the caller's mistake, rather than failing as
 * a database error later. class-transformer and class-validator recurse through the payload: a body nested thousands of
 * levels deep overflows the stack. That is the client's mistake (400), not a server error.
 */
class DepthSafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const unstorable = metadata.type === 'custom' ? undefined : unstorableTextPath(value);
    if (unstorable !== undefined) {
      throw new RequestValidationError([
        { field: unstorable || (metadata.data ?? metadata.type), messages: [UNSTORABLE_TEXT_MESSAGE] },
      ]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof RangeError) throw new BadRequestException('The request is nested too deeply');
      throw error;
    }
  }
}

/** The ValidationPipe every service uses: unknown fields are rejected, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new DepthSafeValidationPipe({
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
