import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** A whole-number setting from `min` up to `max` (no upper bound when `max` is absent). */
export function IntSetting(min: number, max?: number): PropertyDecorator {
  // Applied as the stacked `@IsInt() @Min() @Max()` would be (bottom up), so that a refusal lists
  // its constraints in the same order.
  return applyDecorators(...(max === undefined ? [] : [Max(max)]), Min(min), IsInt());
}
