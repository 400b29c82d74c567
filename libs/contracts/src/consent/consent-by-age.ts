import type { ConsentGiver } from '../events/consent.dto';

/** The consent an intake system passes along with a waitlist entry, trajectory or referral. */
export interface ConsentGiven {
  youthWork: boolean;
  givenBy: ConsentGiver;
  givenAt?: string;
}

/** Why a consent is not valid: one vocabulary for every consent-missing event and problem. */
export const CONSENT_MISSING_REASONS = [
  'consent-absent',
  'youth-work-refused',
  'guardian-consent-required',
  'youth-and-guardian-consent-required',
  'youth-consent-required',
] as const;
export type ConsentMissingReason = (typeof CONSENT_MISSING_REASONS)[number];

export type ConsentVerdict = { valid: true } | { valid: false; reason: ConsentMissingReason };

/**
 * Whether a youngster's data may reach youth work. The ages follow the Jeugdwet, which follows
 * the WGBO (art. 7:450 BW): under 12 the guardian decides; from 12 to 15 the youngster and the
 * guardian both; from 16 the youngster decides alone (a joint consent is valid too). Consent
 * given by a guardian alone is not valid from 16, as the guardian no longer decides.
 */
export function consentByAge(ageYears: number, consent: ConsentGiven | undefined | null): ConsentVerdict {
  if (!consent) return { valid: false, reason: 'consent-absent' };
  if (!consent.youthWork) return { valid: false, reason: 'youth-work-refused' };
  const by = consent.givenBy;
  if (ageYears < 12) {
    return by === 'guardian' || by === 'youth-and-guardian'
      ? { valid: true }
      : { valid: false, reason: 'guardian-consent-required' };
  }
  if (ageYears < 16) {
    return by === 'youth-and-guardian'
      ? { valid: true }
      : { valid: false, reason: 'youth-and-guardian-consent-required' };
  }
  return by === 'youth' || by === 'youth-and-guardian'
    ? { valid: true }
    : { valid: false, reason: 'youth-consent-required' };
}
