import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthSettings } from '../src/auth/auth-settings';
import type { Role } from '../src/auth/role';

export interface LocalKeySetClaims {
  role: Role;
  teamId?: string;
  org?: string;
  municipalityCodes?: string[];
  /** Defaults to `dev-<role>`. */
  sub?: string;
  /** A jose time span ('15m') or seconds since the epoch; default '1h'. */
  expiresIn?: string | number;
}

/**
 * An identity provider's key set on a loopback port, for unit tests of token verification: its
 * JWKS endpoint publishes one RS256 key, and `sign` makes tokens with it as the provider would.
 */
export interface LocalKeySet {
  /** Settings of a service that trusts this key set. */
  settings: AuthSettings;
  /** A token with these Samenspel claims, issued now, for the settings' issuer and audience. */
  sign(claims: LocalKeySetClaims): Promise<string>;
  /** A token with exactly these claims (none added); `key` signs instead of the published key. */
  signPayload(payload: JWTPayload, key?: CryptoKey): Promise<string>;
  close(): Promise<void>;
}

const KID = 'local-key-1';

export async function startLocalKeySet(
  issuer = 'https://idp.samenspel.test',
  audience = 'samenspel',
): Promise<LocalKeySet> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }],
  });
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const settings: AuthSettings = {
    AUTH_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: audience,
    AUTH_CLOCK_TOLERANCE_SECONDS: 30,
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
  };
  return {
    settings,
    sign: ({ role, teamId, org, municipalityCodes, sub = `dev-${role}`, expiresIn = '1h' }) =>
      new SignJWT({
        role,
        ...(teamId !== undefined && { teamId }),
        ...(org !== undefined && { org }),
        ...(municipalityCodes !== undefined && { municipalityCodes }),
      })
        .setProtectedHeader({ alg: 'RS256', kid: KID })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    signPayload: (payload, key = privateKey) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(key),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An admin's five-minute ES256 token (`sub` u-9) signed with `privateKey` under `kid`: what a
 * provider that rotates its keys issues, for the tests of key rotation and of a provider that is down.
 */
export function signAdminEs256(
  privateKey: CryptoKey,
  kid: string,
  issuer: string,
  audience: string,
): Promise<string> {
  return new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject('u-9')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}
