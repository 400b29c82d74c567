import { applyDecorators } from '@nestjs/common';
import { IsInt, IsString, Matches, Max, Min, type ValidationOptions } from 'class-validator';

/** Only these fields about a youngster ever travel between services (besides consent and interests). */
export const YOUTH_REF_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const POSTCODE4_PATTERN = /^[1-9][0-9]{3}$/;
export const MUNICIPALITY_CODE_PATTERN = /^GM[0-9]{4}$/;

export const IsYouthRef = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    Matches(YOUTH_REF_PATTERN, {
      message: '$property must be a pseudonymous ref: 8-64 of [A-Za-z0-9_-]',
      ...options,
    }),
  );
export const IsAgeYears = () => applyDecorators(IsInt(), Min(0), Max(27));
export const IsPostcode4 = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    Matches(POSTCODE4_PATTERN, { message: '$property must be four digits, 1000-9999', ...options }),
  );
export const IsMunicipalityCode = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    Matches(MUNICIPALITY_CODE_PATTERN, { message: '$property must be a CBS code like GM0344', ...options }),
  );
