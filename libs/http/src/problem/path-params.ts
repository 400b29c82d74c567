import { Param, Query, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RECORD_ID_PATTERN, YOUTH_REF_PATTERN } from '@samenspel/contracts';
import { isUUID } from 'class-validator';
import { RequestValidationError } from './validation-pipe';

/** What a path or query parameter must look like, and the field error that says so. */
export interface ParamFormat {
  test(value: string): boolean;
  message: string;
}

export const PARAM_FORMATS = {
  uuid: { test: (value: string) => value.length === 36 && isUUID(value), message: 'must be a UUID' },
  youthRef: {
    test: (value: string) => YOUTH_REF_PATTERN.test(value),
    message: 'must be a pseudonymous ref: 8-64 of [A-Za-z0-9_-]',
  },
  recordId: {
    test: (value: string) => value.length <= 64 && RECORD_ID_PATTERN.test(value),
    message: 'must be a record id: 1-64 of [A-Za-z0-9_.:-]',
  },
} satisfies Record<string, ParamFormat>;

/**
 * Checks one path (or query) parameter against its format; a mismatch is a 400 field error named
 * after the parameter, which never quotes the value. An absent optional query parameter passes.
 */
export class ParamFormatPipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly format: ParamFormat,
    private readonly optional = false,
  ) {}

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined && this.optional) return undefined;
    if (typeof value === 'string' && this.format.test(value)) return value;
    throw new RequestValidationError([
      { field: metadata.data ?? metadata.type, messages: [this.format.message] },
    ]);
  }
}

/** A path parameter that is a UUID, e.g. `@UuidParam('placementId')`. */
export const UuidParam = (name: string) => Param(name, new ParamFormatPipe(PARAM_FORMATS.uuid));
/** A path parameter that is a youngster's pseudonymous youthRef. */
export const YouthRefParam = (name: string) => Param(name, new ParamFormatPipe(PARAM_FORMATS.youthRef));
/** A path parameter that is a record id another system chose (e.g. an intake system's entry id). */
export const RecordIdParam = (name: string) => Param(name, new ParamFormatPipe(PARAM_FORMATS.recordId));

/** An optional query parameter that is a UUID, e.g. `?teamId=`, where no DTO declares it. */
export const OptionalUuidQuery = (name: string) => Query(name, new ParamFormatPipe(PARAM_FORMATS.uuid, true));
