/** Youth work serves 4 to 23 year olds; kinderwerk (children's work) is the part up to 12. */
export const MIN_AGE = 4;
export const MAX_AGE = 23;

/** Why an age range is not acceptable, or undefined when it is. */
export function ageRangeProblem(minAge: number, maxAge: number): string | undefined {
  if (!Number.isInteger(minAge) || !Number.isInteger(maxAge)) return 'ages must be whole years';
  if (minAge < MIN_AGE || maxAge > MAX_AGE) return `ages must lie within ${MIN_AGE}-${MAX_AGE}`;
  if (minAge > maxAge) return `minAge ${minAge} is above maxAge ${maxAge}`;
  return undefined;
}

export function ageFits(ageYears: number, minAge: number, maxAge: number): boolean {
  return ageYears >= minAge && ageYears <= maxAge;
}
