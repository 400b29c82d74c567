import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

type QueryDoc = Pick<ApiPropertyOptions, 'description' | 'default' | 'example'>;

/** An optional whole-number query parameter from `min` up to `max` (no upper bound when absent). */
export function IntegerQuery({ min, max, ...doc }: { min: number; max?: number } & QueryDoc) {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: min,
      ...(max !== undefined && { maximum: max }),
      ...doc,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    ...(max === undefined ? [] : [Max(max)]),
  );
}

/** An optional `true` or `false` query parameter. */
export function FlagQuery(doc: QueryDoc = {}) {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, ...doc }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean(),
  );
}

/** An optional query parameter that takes one of `values`. */
export function OneOfQuery(values: readonly string[], doc: QueryDoc = {}) {
  return applyDecorators(ApiPropertyOptional({ enum: [...values], ...doc }), IsOptional(), IsIn(values));
}
