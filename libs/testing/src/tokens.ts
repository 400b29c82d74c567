import { DEFAULT_AUTH_AUDIENCE, type Role } from '@samenspel/http';
import { signDevAccessToken } from '@samenspel/identity-provider';
import { runIdentityProvider } from './test-identity-provider';

/**
 * A bearer header for tests, `{ authorization: 'Bearer …' }`: a token signed with the key of the
 * run's identity provider, which the services verify through its JWKS like any other.
 */
export async function authHeader(
  role: Role,
  claims: {
    teamId?: string;
    org?: string;
    sub?: string;
    municipalityCodes?: string[];
    expiresIn?: string;
  } = {},
) {
  const { issuer, keysFile } = runIdentityProvider();
  const token = await signDevAccessToken(
    { role, ...claims },
    { keysFile, issuer, audience: process.env.AUTH_AUDIENCE || DEFAULT_AUTH_AUDIENCE },
  );
  return { authorization: `Bearer ${token}` };
}
