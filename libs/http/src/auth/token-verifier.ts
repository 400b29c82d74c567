import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';
import { InvalidClaimsError, principalFromClaims, type Principal } from './principal';

export type InvalidTokenReason = 'expired' | 'invalid';

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
 * Verifies bearer JWTs: HS256 with JWT_SECRET, or the keys of AUTH_JWKS_URL (RS256/ES256) when set.
 * Issuer, audience and expiry are always checked.
 */
@Injectable()
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    const secret = new TextEncoder().encode(settings.JWT_SECRET);
    this.getKey = settings.AUTH_JWKS_URL
      ? createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL))
      : async () => secret;
    this.options = {
      algorithms: settings.AUTH_JWKS_URL ? ['RS256', 'ES256'] : ['HS256'],
      issuer: settings.AUTH_ISSUER,
      audience: settings.AUTH_AUDIENCE,
      clockTolerance: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
    };
  }

  /** Returns the principal of a valid token; throws InvalidTokenError for any token not to be trusted. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.getKey, this.options);
      return principalFromClaims(payload);
    } catch (error) {
      throw toInvalidTokenError(error);
    }
  }
}

/**
 * Errors about the token become InvalidTokenError; anything else (the JWKS endpoint being down)
 * is not the caller's fault and is rethrown as it is.
 */
function toInvalidTokenError(error: unknown): unknown {
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
