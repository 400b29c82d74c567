import type { ConsentGiver } from '@samenspel/contracts';

export interface Consent {
  youthWork: boolean;
  givenBy: ConsentGiver;
}

export type ConsentVerdict =
  | { valid: true }
  | {
      valid: false;
      reason:
        | 'no-youth-work-consent'
        | 'guardian-consent-required'
        | 'youth-and-guardian-consent-required'
        | 'youth-consent-required';
    };

/**
 * Whether a consent lets youth work be involved, by age. Dutch law (WGBO/AVG as applied in
 * jeugdhulp): under 12 the guardian decides; 12 to 15 both the youngster and the guardian;
 * from 16 the youngster alone (a joint consent is fine too).
 */
export function consentVerdict(consent: Consent, ageYears: number): ConsentVerdict {
  if (!consent.youthWork) return { valid: false, reason: 'no-youth-work-consent' };
  if (ageYears < 12) {
    return consent.givenBy === 'guardian' || consent.givenBy === 'youth-and-guardian'
      ? { valid: true }
      : { valid: false, reason: 'guardian-consent-required' };
  }
  if (ageYears < 16) {
    return consent.givenBy === 'youth-and-guardian'
      ? { valid: true }
      : { valid: false, reason: 'youth-and-guardian-consent-required' };
  }
  return consent.givenBy === 'youth' || consent.givenBy === 'youth-and-guardian'
    ? { valid: true }
    : { valid: false, reason: 'youth-consent-required' };
}
