import { ServiceConfig } from '@samenspel/bootstrap';
import { IsOptional, IsString, IsUrl, MinLength } from 'class-validator';
import { DEV_CLIENT_SECRET, IntSetting, IsIsoDuration, NotTheDevValueInProduction } from '@samenspel/http';
import { DEFAULT_RETENTION, IsRetentionPeriod } from '@samenspel/erasure';

/** The waitlist-bridging service's variables on top of every service's. */
export class BridgingConfig extends ServiceConfig {
  override PORT: number = 3002;

  /** The activity service: candidates, seat holds and their confirmation or release. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  ACTIVITY_URL: string = 'http://127.0.0.1:3003';

  /** How long an offer (and the seat held for it) stays open: ISO 8601, e.g. P7D or PT3S. */
  @IsIsoDuration()
  BRIDGING_OFFER_TTL: string = 'P7D';

  /**
   * The matcher is woken at once by new work (LISTEN/NOTIFY on its own database); this is how often
   * it looks anyway, for work left by a crash or an activity service that was away (ms).
   */
  @IntSetting(100, 600000)
  BRIDGING_MATCH_SWEEP_MS: number = 5000;

  /** The service's own client at the identity provider (client credentials grant, role `service`). */
  @IsString()
  @MinLength(1)
  AUTH_CLIENT_ID: string = 'waitlist-bridging';

  /** The secret of AUTH_CLIENT_ID; the development provider's public one is refused in production. */
  @IsString()
  @MinLength(16)
  @NotTheDevValueInProduction(
    'notTheDevClientSecretInProduction',
    DEV_CLIENT_SECRET,
    'must be set explicitly in production',
  )
  AUTH_CLIENT_SECRET: string = DEV_CLIENT_SECRET;

  /** The provider's token endpoint; unset, it is found through AUTH_ISSUER's discovery document. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  AUTH_TOKEN_URL?: string;

  /** Time-out of one call to the activity service (ms). */
  @IntSetting(100, 60000)
  ACTIVITY_TIMEOUT_MS: number = 5000;

  /** Ended waitlist entries are anonymised this long after they ended (ISO 8601; docs/privacy.md#retention). */
  @IsRetentionPeriod()
  RETENTION_WAITLIST_ENTRY: string = DEFAULT_RETENTION;
}

/** Injection token of the validated config. */
export const BRIDGING_CONFIG = Symbol('BRIDGING_CONFIG');
