import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWTVerifyGetKey,
  type RemoteJWKSetOptions,
} from 'jose';

/** The JWKS endpoint could not be read, and the last good key set has no key for the token either. */
export class KeySetUnavailableError extends Error {
  override name = 'KeySetUnavailableError';
}

/** Errors that say the token's key is not in a set that was read, not that reading failed. */
const KEY_LOOKUP_ERRORS = [
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSENotSupported,
];

/**
 * The keys of a JWKS endpoint, cached as createRemoteJWKSet does, that fall back to the last set
 * fetched successfully while the endpoint cannot be read; a successful fetch replaces that set.
 * After a failed fetch the endpoint is asked again only once the cooldown has passed (or for a kid
 * the last set lacks), so a provider that hangs costs one request the fetch timeout, not every one.
 */
export function lastGoodKeySet(url: URL, options: RemoteJWKSetOptions): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, options);
  const cooldownMs = options.cooldownDuration ?? 30_000;
  // Keyed by its JSON, as remote.jwks() hands out a fresh copy on every call.
  let lastGood: { json: string; getKey: JWTVerifyGetKey } | undefined;
  let failedAt: number | undefined;

  return async (header, token) => {
    if (lastGood && failedAt !== undefined && Date.now() - failedAt < cooldownMs) {
      try {
        return await lastGood.getKey(header, token);
      } catch (lookupError) {
        if (!(lookupError instanceof errors.JWKSNoMatchingKey)) throw lookupError;
      }
    }
    try {
      const key = await remote(header, token);
      failedAt = undefined;
      return key;
    } catch (error) {
      if (KEY_LOOKUP_ERRORS.some((type) => error instanceof type)) throw error;
      failedAt = Date.now();
      // A failed fetch leaves the remote set's last successful fetch in place.
      const jwks = remote.jwks();
      if (!jwks) {
        throw new KeySetUnavailableError(
          'The JWKS endpoint cannot be read and no key set was fetched before',
          {
            cause: error,
          },
        );
      }
      const json = JSON.stringify(jwks);
      if (lastGood?.json !== json) lastGood = { json, getKey: createLocalJWKSet(jwks) };
      try {
        return await lastGood.getKey(header, token);
      } catch (lookupError) {
        if (!(lookupError instanceof errors.JWKSNoMatchingKey)) throw lookupError;
        // A kid the provider may have added since: only the provider can tell.
        throw new KeySetUnavailableError(
          'The JWKS endpoint cannot be read and the last key set lacks the kid',
          {
            cause: error,
          },
        );
      }
    }
  };
}
