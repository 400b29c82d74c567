import { SignJWT } from 'jose';
import { readFile } from 'node:fs/promises';
import { currentSigningKey, type PrivateSigningKey } from './signing-keys';
import type { SamenspelClaims } from './dev-directory';

export interface DevAccessTokenClaims extends SamenspelClaims {
  /** Defaults to `dev-<role>`. */
  sub?: string;
  /**
   * A jose time span such as '15m' or '1h', or seconds since the epoch. Defaults to '1h', the
   * longest lifetime (`exp - iat`) the services accept by default (AUTH_MAX_TOKEN_LIFETIME_SECONDS).
   */
  expiresIn?: string | number;
}

/**
 * Signs an access token as the development provider does (RS256, its current key and kid), for
 * tests and scripts that need a token without a sign-in; never for production.
 */
export async function signDevAccessToken(
  claims: DevAccessTokenClaims,
  options: { keysFile: string; issuer: string; audience: string },
): Promise<string> {
  const { keys } = JSON.parse(await readFile(options.keysFile, 'utf8')) as { keys: PrivateSigningKey[] };
  const { kid, alg, key } = await currentSigningKey(keys);
  const { role, teamId, org, municipalityCodes, sub = `dev-${role}`, expiresIn = '1h' } = claims;
  return new SignJWT({
    role,
    ...(teamId !== undefined && { teamId }),
    ...(org !== undefined && { org }),
    ...(municipalityCodes !== undefined && { municipalityCodes }),
  })
    .setProtectedHeader({ alg, kid, typ: 'at+jwt' })
    .setSubject(sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
