import type { ConsentGiver } from '@samenspel/contracts';
import { consentVerdict } from './consent-rule';

describe('consent by age', () => {
  // The age edges of the rule: 11 | 12 and 15 | 16, for every giver.
  const table: [number, ConsentGiver, string][] = [
    [11, 'guardian', 'valid'],
    [11, 'youth-and-guardian', 'valid'],
    [11, 'youth', 'guardian-consent-required'],
    [12, 'youth-and-guardian', 'valid'],
    [12, 'guardian', 'youth-and-guardian-consent-required'],
    [12, 'youth', 'youth-and-guardian-consent-required'],
    [15, 'youth-and-guardian', 'valid'],
    [15, 'guardian', 'youth-and-guardian-consent-required'],
    [15, 'youth', 'youth-and-guardian-consent-required'],
    [16, 'youth', 'valid'],
    [16, 'youth-and-guardian', 'valid'],
    [16, 'guardian', 'youth-consent-required'],
  ];

  it.each(table)('at %i a consent given by %s is %s', (age, givenBy, expected) => {
    const verdict = consentVerdict({ youthWork: true, givenBy }, age);
    expect(verdict.valid ? 'valid' : verdict.reason).toBe(expected);
  });

  it.each([11, 12, 15, 16])('at %i a consent without youth work is never valid', (age) => {
    expect(consentVerdict({ youthWork: false, givenBy: 'youth-and-guardian' }, age)).toEqual({
      valid: false,
      reason: 'no-youth-work-consent',
    });
  });
});
