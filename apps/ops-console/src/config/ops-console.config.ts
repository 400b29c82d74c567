import { ServiceConfig, WithNoteKeys } from '@samenspel/bootstrap';
import { DEV_CLIENT_SECRET, IntSetting } from '@samenspel/http';
import { DEFAULT_RETENTION, IsRetentionPeriod } from '@samenspel/erasure';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

/** The ops console's variables on top of every service's; thresholds of the stuck-flow rules are documented in docs/ops-console.md. */
export class OpsConsoleConfig extends WithNoteKeys(ServiceConfig) {
  override PORT: number = 3000;
  /** The console pages' client at the identity provider (the development provider's by default). */
  override SIGN_IN_CLIENT_ID?: string = 'console';
  override SIGN_IN_CLIENT_SECRET?: string = DEV_CLIENT_SECRET;

  /** Rule waitlist-no-offer: a consenting waitlist entry without an offer or queue state after this long (s). */
  @IntSetting(1)
  STUCK_WAITLIST_NO_OFFER_SECONDS: number = 60;

  /** Rule handover-no-first-contact: working days after a handover without first contact. */
  @IntSetting(1, 60)
  STUCK_HANDOVER_WORKING_DAYS: number = 5;

  /** Rule offer-task-unclaimed: grace after a task's due date before it counts as stuck (s). */
  @IntSetting(0)
  STUCK_TASK_GRACE_SECONDS: number = 0;

  /** Rule dead-letter-unhandled: an open dead letter older than this (s). */
  @IntSetting(0)
  STUCK_DEAD_LETTER_SECONDS: number = 0;

  /** Smallest impact cell shown; smaller counts are suppressed. */
  @IntSetting(1)
  IMPACT_MIN_CELL: number = 5;

  /** How often end offsets are sampled for throughput (ms). */
  @IntSetting(200, 600000)
  THROUGHPUT_SAMPLE_INTERVAL_MS: number = 15000;

  /** Consumer groups listed in the lag overview by default (prefix). */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/)
  LAG_GROUP_PREFIX: string = 'samenspel-';

  /**
   * Days a dead-lettered record's copy (key, value, headers) is kept for replay; the .dlq topic keeps
   * its records 30 days, so a longer copy would outlive the source. Metadata and audit stay.
   */
  @IntSetting(1, 365)
  DEAD_LETTER_COPY_RETENTION_DAYS: number = 30;

  /** How often expired dead-letter copies are cleared (ms). */
  @IntSetting(1000, 86400000)
  DEAD_LETTER_SWEEP_INTERVAL_MS: number = 3600000;

  /** Ledger rows, dead letters and closed flow states lose their youthRef after this (ISO 8601; docs/privacy.md#retention). */
  @IsRetentionPeriod()
  RETENTION_LEDGER: string = DEFAULT_RETENTION;

  /** Extra topics the flow monitor reads besides every Samenspel topic (each with its .dlq); tests use it. */
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : value,
  )
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9._-]+$/, { each: true })
  OPS_EXTRA_TOPICS: string[] = [];
}
