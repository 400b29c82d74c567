import { DEFAULT_AUTH_AUDIENCE, type Role } from '@samenspel/http';
import { signDevAccessToken } from '@samenspel/identity-provider';
import { runIdentityProvider } from './test-identity-provider';

export interface TestTokenClaims {
  teamId?: string;
  org?: string;
  sub?: string;
  municipalityCodes?: string[];
  /** A jose time span such as '5m'; default '1h'. */
  expiresIn?: string;
}

/**
 * A bearer header for tests, `{ authorization: 'Bearer …' }`: a token signed with the key of the
 * run's identity provider, which the services verify through its JWKS like any other.
 */
export async function authHeader(role: Role, claims: TestTokenClaims = {}) {
  return { authorization: `Bearer ${await testToken(role, claims)}` };
}

/** The bare token of authHeader, for a place that takes a token rather than a header. */
export function testToken(role: Role, claims: TestTokenClaims = {}): Promise<string> {
  const { issuer, keysFile } = runIdentityProvider();
  return signDevAccessToken(
    { role, ...claims },
    { keysFile, issuer, audience: process.env.AUTH_AUDIENCE || DEFAULT_AUTH_AUDIENCE },
  );
}
