import { ServiceConfig, WithNoteKeys } from '@samenspel/bootstrap';
import { DEFAULT_RETENTION, IsRetentionPeriod } from '@samenspel/erasure';
import { Matches } from 'class-validator';

/** The referral service's variables on top of every service's and the note keys. */
export class ReferralConfig extends WithNoteKeys(ServiceConfig) {
  /** Follow-up plan steps after which `not-reached` fails the referral (comma-separated). */
  @Matches(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/)
  FOLLOW_UP_FINAL_STEPS: string = 'check-in-3m';

  /** Closed referrals are anonymised this long after their last change (ISO 8601; docs/privacy.md#retention). */
  @IsRetentionPeriod()
  RETENTION_REFERRAL: string = DEFAULT_RETENTION;
}
