import 'reflect-metadata';
import { ClaimPathSetting } from './claim-path-setting';
import { IntSetting } from './int-setting';
import { NotTheDevValueInProduction, ParsedBy } from './parsed-setting';
import { DEFAULT_CLAIM_MAPPING, parseRoleMap } from '../auth/claim-mapping';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { DEFAULT_METRICS_ALLOWED_CIDRS } from '../metrics/metrics-access';
import { isAddressRange } from '@samenspel/net';
import {
  DEFAULT_HTTP_BODY_LIMIT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SERVICE_RATE_LIMIT_PER_MINUTE,
} from '../security/http-security-settings';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The development identity provider (libs/identity-provider), which npm start runs: the issuer and
 * key set a service trusts unless told otherwise. Production refuses both, so that a service trusts
 * only the identity provider it is configured for.
 */
export const DEFAULT_AUTH_ISSUER = 'http://127.0.0.1:3005';
export const DEFAULT_AUTH_JWKS_URL = `${DEFAULT_AUTH_ISSUER}/jwks`;
/**
 * The client secret of every client of the development identity provider (libs/identity-provider).
 * It is public, so production refuses it.
 */
export const DEV_CLIENT_SECRET = 'samenspel-dev-secret';
export const DEFAULT_AUTH_AUDIENCE = 'samenspel';
/** The longest a bearer token may live (`exp - iat`), for people and machines alike: one hour. */
export const DEFAULT_AUTH_MAX_TOKEN_LIFETIME_SECONDS = 3600;
/** A signed-in person who does nothing for 30 minutes is signed out (shared devices). */
export const DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS = 1800;
/** However busy, a session ends 12 hours after sign-in. */
export const DEFAULT_SESSION_MAX_LIFETIME_SECONDS = 43200;

/**
 * The variables every service reads. A service subclasses it, overrides PORT's default
 * (`override PORT: number = 3001`) and adds its own; annotate the type of every non-string
 * field, as the conversion from the environment's strings reads it.
 */
export class BaseServiceConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @IntSetting(1, 65535)
  PORT: number = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432';

  @Transform(({ value }) => (typeof value === 'string' ? splitList(value) : value))
  @IsArray()
  @ArrayNotEmpty()
  @Matches(/^[^\s:,]+:\d{1,5}$/, { each: true, message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: string = 'info';

  /** Where callers reach the service (links, the OpenAPI document's server); see publicBaseUrl. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  PUBLIC_BASE_URL?: string;

  /** The identity provider's key set (RS256/ES256); a token with a `kid` it lacks makes it fetch the set again. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @NotTheDevValueInProduction(
    'notTheDevJwksUrlInProduction',
    DEFAULT_AUTH_JWKS_URL,
    "must be set in production to your identity provider's JWKS URL",
  )
  AUTH_JWKS_URL: string = DEFAULT_AUTH_JWKS_URL;

  /** The `iss` every token must carry: the identity provider's issuer. */
  @IsString()
  @MinLength(1)
  @NotTheDevValueInProduction(
    'notTheDevIssuerInProduction',
    DEFAULT_AUTH_ISSUER,
    "must be set in production to your identity provider's issuer",
  )
  AUTH_ISSUER: string = DEFAULT_AUTH_ISSUER;

  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE: string = DEFAULT_AUTH_AUDIENCE;

  /**
   * Where the token carries the role: a claim name or a dotted path (`realm_access.roles` for
   * Keycloak realm roles, `roles` for Entra ID app roles); a string or an array of role names.
   */
  @ClaimPathSetting()
  AUTH_CLAIM_ROLE: string = DEFAULT_CLAIM_MAPPING.role;

  /** Where the token carries the team of a youth worker or team lead (claim name or dotted path). */
  @ClaimPathSetting()
  AUTH_CLAIM_TEAM_ID: string = DEFAULT_CLAIM_MAPPING.teamId;

  /** Where the token carries the organisation (claim name or dotted path). */
  @ClaimPathSetting()
  AUTH_CLAIM_ORG: string = DEFAULT_CLAIM_MAPPING.org;

  /** Where the token carries a policy officer's CBS municipality codes, an array (claim name or dotted path). */
  @ClaimPathSetting()
  AUTH_CLAIM_MUNICIPALITY_CODES: string = DEFAULT_CLAIM_MAPPING.municipalityCodes;

  /**
   * The provider's role names as Samenspel's: `providerRole=samenspelRole,…`, such as
   * `samenspel-youth-worker=youth-worker`. A role name not listed is taken as it is.
   */
  @ParsedBy('roleMap', parseRoleMap)
  AUTH_ROLE_MAP: string = '';

  /**
   * Least time, in seconds, between two fetches of AUTH_JWKS_URL that a token with an unknown
   * `kid` triggers: a rotated key is picked up this long after the last fetch at the latest.
   */
  @IntSetting(0, 3600)
  AUTH_JWKS_COOLDOWN_SECONDS: number = 30;

  /** Allowed clock skew, in seconds, when `exp` and `nbf` are checked. */
  @IntSetting(0, 300)
  AUTH_CLOCK_TOLERANCE_SECONDS: number = 30;

  /** A token whose lifetime (`exp - iat`) is longer than this many seconds is refused with 401. */
  @IntSetting(60, 86400)
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: number = DEFAULT_AUTH_MAX_TOKEN_LIFETIME_SECONDS;

  /**
   * The OpenID Connect client this service signs people in with (docs/operations.md); unset, the
   * service has no sign-in and takes bearer tokens only. AUTH_ISSUER is then the provider's URL.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7E]{1,200}$/, { message: 'must be 1-200 visible ASCII characters' })
  SIGN_IN_CLIENT_ID?: string;

  /** The secret of SIGN_IN_CLIENT_ID; the development provider's public one is refused in production. */
  @ValidateIf((config: BaseServiceConfig) => !!config.SIGN_IN_CLIENT_ID)
  @IsString()
  @MinLength(16)
  @NotTheDevValueInProduction(
    'notTheDevSignInSecretInProduction',
    DEV_CLIENT_SECRET,
    'must be set explicitly in production',
  )
  SIGN_IN_CLIENT_SECRET?: string;

  /** The scopes of a sign-in, space-separated; `openid` first. */
  @Matches(/^openid( [\x21\x23-\x5B\x5D-\x7E]+)*$/, {
    message: "must be space-separated scopes starting with 'openid'",
  })
  SIGN_IN_SCOPES: string = 'openid';

  /** A session not used for this many seconds ends (shared devices). */
  @IntSetting(1, 86400)
  SESSION_IDLE_TIMEOUT_SECONDS: number = DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS;

  /** A session ends this many seconds after sign-in, however busy. */
  @IntSetting(60, 604800)
  SESSION_MAX_LIFETIME_SECONDS: number = DEFAULT_SESSION_MAX_LIFETIME_SECONDS;

  /** A session's access token is refreshed once it expires within this many seconds. */
  @IntSetting(0, 86400)
  SESSION_REFRESH_BEFORE_EXPIRY_SECONDS: number = 60;

  /** The session cookie's Secure flag; only a plain-HTTP setup other than 127.0.0.1 needs false. */
  // Read the raw string: implicit conversion would already have turned 'false' into true.
  @Transform(({ obj, value }) =>
    typeof obj.SESSION_COOKIE_SECURE === 'string' ? obj.SESSION_COOKIE_SECURE === 'true' : value,
  )
  @IsBoolean()
  SESSION_COOKIE_SECURE: boolean = true;

  /** The largest JSON or form request body; a larger one is answered 413. */
  @Matches(/^[1-9][0-9]{0,5}(b|kb|mb)$/, { message: 'must be a size such as 100kb or 1mb' })
  HTTP_BODY_LIMIT: string = DEFAULT_HTTP_BODY_LIMIT;

  /** Requests per minute of one caller (token subject; client address without a token). */
  @IntSetting(1, 1_000_000)
  RATE_LIMIT_PER_MINUTE: number = DEFAULT_RATE_LIMIT_PER_MINUTE;

  /** Requests per minute of one of our own services (role `service`, one call per event). */
  @IntSetting(1, 1_000_000)
  RATE_LIMIT_SERVICE_PER_MINUTE: number = DEFAULT_SERVICE_RATE_LIMIT_PER_MINUTE;

  /** The networks (comma-separated CIDRs) whose peers may scrape /metrics without a token. */
  @CommaSeparatedList(isAddressRange, 'must be a comma-separated list of CIDRs such as 10.0.0.0/8 or ::1/128')
  @ArrayNotEmpty()
  METRICS_ALLOWED_CIDRS: string[] = [...DEFAULT_METRICS_ALLOWED_CIDRS];

  /** A bearer token that lets a scrape in from any network; unset, only METRICS_ALLOWED_CIDRS may. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  METRICS_TOKEN?: string;
}

/**
 * A variable that is a comma-separated list (blanks around entries ignored), each entry checked
 * by `isEntry`; the message names the list's form, never an entry.
 */
export function CommaSeparatedList(isEntry: (entry: string) => boolean, message: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? splitList(value) : value)),
    IsArray(),
    ValidateBy(
      {
        name: 'commaSeparatedList',
        validator: {
          validate: (value: unknown) => typeof value === 'string' && isEntry(value),
          defaultMessage: () => message,
        },
      },
      { each: true },
    ),
  );
}

/** The service's public base URL: PUBLIC_BASE_URL, else its own port on this machine. */
export function publicBaseUrl(config: Pick<BaseServiceConfig, 'PUBLIC_BASE_URL' | 'PORT'>): string {
  return (config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
