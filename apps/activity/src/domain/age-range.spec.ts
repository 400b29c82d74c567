import { ageFits, ageRangeProblem } from './age-range';

describe('age range of an activity', () => {
  it.each([
    [4, 23],
    [4, 4],
    [12, 12],
    [4, 12],
    [16, 23],
  ])('accepts %i-%i', (min, max) => {
    expect(ageRangeProblem(min, max)).toBeUndefined();
  });

  it.each([
    [3, 12, 'ages must lie within 4-23'],
    [12, 24, 'ages must lie within 4-23'],
    [14, 12, 'minAge 14 is above maxAge 12'],
    [4.5, 12, 'ages must be whole years'],
  ])('rejects %p-%p: %s', (min, max, problem) => {
    expect(ageRangeProblem(min, max)).toBe(problem);
  });

  it.each([
    [12, 12, 16, true],
    [16, 12, 16, true],
    [11, 12, 16, false],
    [17, 12, 16, false],
  ])('age %i fits %i-%i: %p', (age, min, max, fits) => {
    expect(ageFits(age, min, max)).toBe(fits);
  });
});
