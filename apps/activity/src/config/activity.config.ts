import { ServiceConfig } from '@samenspel/bootstrap';
import { IntSetting, IsIsoDuration } from '@samenspel/http';
import { DEFAULT_RETENTION, IsRetentionPeriod } from '@samenspel/erasure';

/** The activity service's variables on top of every service's. */
export class ActivityConfig extends ServiceConfig {
  override PORT: number = 3003;

  /** How long a held seat stays held when the caller gives no expiresAt (ISO 8601 duration). */
  @IsIsoDuration()
  PLACEMENT_HOLD_TTL: string = 'P7D';

  /** How often the sweeper looks for expired holds (ms). */
  @IntSetting(50, 3600000)
  HOLD_SWEEP_INTERVAL_MS: number = 10000;

  /** Expired holds released per transaction. */
  @IntSetting(1, 1000)
  HOLD_SWEEP_BATCH_SIZE: number = 50;

  /** Ended placements are anonymised this long after they ended (ISO 8601; docs/privacy.md#retention). */
  @IsRetentionPeriod()
  RETENTION_PLACEMENT: string = DEFAULT_RETENTION;
}

/** The validated config, injectable in the activity modules. */
export const ACTIVITY_CONFIG = Symbol('ACTIVITY_CONFIG');
