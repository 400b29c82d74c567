import {
  DEFAULT_AUTH_AUDIENCE,
  DEFAULT_AUTH_ISSUER,
  DEV_JWT_SECRET,
  signDevToken,
  type Role,
} from '@samenspel/http';

/** A development bearer header for tests: `{ authorization: 'Bearer …' }`. */
export async function authHeader(
  role: Role,
  claims: { teamId?: string; org?: string; sub?: string; municipalityCodes?: string[] } = {},
) {
  const token = await signDevToken(
    { role, ...claims },
    DEV_JWT_SECRET,
    DEFAULT_AUTH_ISSUER,
    DEFAULT_AUTH_AUDIENCE,
  );
  return { authorization: `Bearer ${token}` };
}
