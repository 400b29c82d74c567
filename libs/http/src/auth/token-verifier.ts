import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';
import { claimMappingOf, type ClaimMapping } from './claim-mapping';
import { lastGoodKeySet } from './last-good-key-set';
import { InvalidClaimsError, principalFromClaims, UnknownRoleError, type Principal } from './principal';

export type InvalidTokenReason = 'expired' | 'invalid' | 'too-long-lived';

/**
 * How the keys of AUTH_JWKS_URL are cached. A token with a `kid` the cached set lacks makes the
 * verifier fetch the set again, at most once per cooldown, so a rotated key is picked up without a
 * restart; a set older than the maximum age is fetched again before it is used. While the endpoint
 * cannot be read, the last set fetched successfully keeps verifying the tokens whose `kid` it holds.
 */
export const JWKS_CACHE = {
  /** Least time between two fetches that an unknown `kid` triggers (AUTH_JWKS_COOLDOWN_SECONDS). */
  cooldownDurationMs: 30_000,
  /** Longest a fetched key set is used before it is fetched again. */
  cacheMaxAgeMs: 600_000,
  /** How long a fetch may take before it counts as failed. */
  timeoutDurationMs: 5_000,
} as const;

/** The bearer token cannot be trusted: the caller gets a 401. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
  constructor(
    readonly reason: InvalidTokenReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Verifies bearer JWTs with the keys the identity provider publishes at AUTH_JWKS_URL (RS256, PS256, ES256).
 * Every token must carry `iss`, `aud`, `sub`, `iat` and `exp`; issuer and audience must match,
 * `exp` and any `nbf` hold within AUTH_CLOCK_TOLERANCE_SECONDS, and the lifetime `exp - iat` may
 * not exceed AUTH_MAX_TOKEN_LIFETIME_SECONDS. Only the listed algorithms pass, so `alg: none` never does.
 */
@Injectable()
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;
  private readonly maxLifetimeSeconds: number;
  private readonly claimMapping: ClaimMapping;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    this.getKey = lastGoodKeySet(new URL(settings.AUTH_JWKS_URL), {
      cooldownDuration: (settings.AUTH_JWKS_COOLDOWN_SECONDS ?? JWKS_CACHE.cooldownDurationMs / 1000) * 1000,
      cacheMaxAge: JWKS_CACHE.cacheMaxAgeMs,
      timeoutDuration: JWKS_CACHE.timeoutDurationMs,
    });
    this.options = {
      // Asymmetric signatures only: no shared secret, and never `alg: none`.
      algorithms: ['RS256', 'PS256', 'ES256'],
      issuer: settings.AUTH_ISSUER,
      audience: settings.AUTH_AUDIENCE,
      clockTolerance: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iss', 'aud', 'sub', 'iat', 'exp'],
    };
    this.maxLifetimeSeconds = settings.AUTH_MAX_TOKEN_LIFETIME_SECONDS;
    this.claimMapping = claimMappingOf(settings);
  }

  /**
   * Returns the principal of a valid token; throws InvalidTokenError for any token not to be
   * trusted, and UnknownRoleError for a valid token without a role Samenspel knows.
   */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.getKey, this.options);
      // A token that lives long is a stolen token that stays useful long, whoever it was made for.
      if ((payload.exp as number) - (payload.iat as number) > this.maxLifetimeSeconds) {
        throw new InvalidTokenError(
          'too-long-lived',
          `The bearer token lives longer than the maximum of ${this.maxLifetimeSeconds} seconds`,
        );
      }
      return principalFromClaims(payload, this.claimMapping);
    } catch (error) {
      throw toInvalidTokenError(error);
    }
  }
}

/**
 * Errors about the token become InvalidTokenError (a missing role stays UnknownRoleError); anything else (the JWKS endpoint being down)
 * is not the caller's fault and is rethrown as it is.
 */
function toInvalidTokenError(error: unknown): unknown {
  if (error instanceof InvalidTokenError || error instanceof UnknownRoleError) return error;
  if (error instanceof errors.JWTExpired) {
    return new InvalidTokenError('expired', 'The bearer token has expired', { cause: error });
  }
  if (error instanceof InvalidClaimsError) {
    return new InvalidTokenError('invalid', `The bearer token is invalid: ${error.message}`, {
      cause: error,
    });
  }
  const isTransient = error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError);
  if (isTransient) return error;
  return new InvalidTokenError('invalid', 'The bearer token is invalid', { cause: error });
}
