import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  type ValidationOptions,
} from 'class-validator';

/** The characters of a record id; at most 64 of them. */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
/** Ids of our own records: UUIDs or intake-system ids, never personal data. */
export const IsRecordId = (options?: ValidationOptions) =>
  applyDecorators(IsString(options), Length(1, 64, options), Matches(RECORD_ID_PATTERN, options));
/** Longer than any real ISO 8601 timestamp (`2025-03-01T09:30:00.123456789+01:00` has 35). */
export const TIMESTAMP_MAX_LENGTH = 40;
/** An ISO 8601 date or date-time; bounded, as the pattern alone allows any number of fraction digits. */
export const IsTimestamp = () =>
  applyDecorators(IsISO8601({ strict: true }), MaxLength(TIMESTAMP_MAX_LENGTH));
export const IsShortCode = (max = 64) => applyDecorators(IsString(), Length(1, max));
/** A list of short vocabulary words (themes, interests). */
export const IsWordList = (max = 10) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), IsString({ each: true }), Length(1, 64, { each: true }));
export const IsOneOf = (values: readonly string[]) => applyDecorators(IsIn(values));
export const Optional = () => IsOptional();
