import { ServiceConfig, WithNoteKeys } from '@samenspel/bootstrap';
import { DEFAULT_RETENTION, IsRetentionPeriod } from '@samenspel/erasure';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class ReferralConfig extends WithNoteKeys(ServiceConfig) {
  /** Follow-up plan steps after which `not-reached` fails the referral (comma-separated). */
  @Matches(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/)
  FOLLOW_UP_FINAL_STEPS: string = 'check-in-3m';

  /** Closed referrals are anonymised this long after their last change (ISO 8601; docs/privacy.md#retention). */
  @IsRetentionPeriod()
  RETENTION_REFERRAL: string = DEFAULT_RETENTION;

  /** How often the retention sweeper runs, and looks for erased youngsters an event brought back (ms). */
  @IsInt()
  @Min(50)
  @Max(86400000)
  RETENTION_SWEEP_INTERVAL_MS: number = 300000;
}
