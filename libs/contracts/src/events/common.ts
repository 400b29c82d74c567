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
  type ValidationOptions,
} from 'class-validator';

/** Ids of our own records: UUIDs or intake-system ids, never personal data. */
export const IsRecordId = (options?: ValidationOptions) =>
  applyDecorators(IsString(options), Length(1, 64, options), Matches(/^[A-Za-z0-9_.:-]+$/, options));
export const IsTimestamp = () => applyDecorators(IsISO8601({ strict: true }));
export const IsShortCode = (max = 64) => applyDecorators(IsString(), Length(1, max));
/** A list of short vocabulary words (themes, interests). */
export const IsWordList = (max = 10) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), IsString({ each: true }), Length(1, 64, { each: true }));
export const IsOneOf = (values: readonly string[]) => applyDecorators(IsIn(values));
export const Optional = () => IsOptional();
