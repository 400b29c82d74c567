import { SignJWT } from 'jose';
import type { Role } from './role';

export interface DevTokenClaims {
  role: Role;
  teamId?: string;
  org?: string;
  /** CBS codes of the municipalities a policy token sees. */
  municipalityCodes?: string[];
  /** Defaults to `dev-<role>`. */
  sub?: string;
  /**
   * A jose time span such as '15m' or '1h', or seconds since the epoch. Defaults to '1h', the
   * longest lifetime (`exp - iat`) the services accept by default (AUTH_MAX_TOKEN_LIFETIME_SECONDS).
   */
  expiresIn?: string | number;
}

/** Signs an HS256 token as the services expect it; for tests and scripts/token.js, never for production. */
export async function signDevToken(
  claims: DevTokenClaims,
  secret: string,
  issuer: string,
  audience: string,
): Promise<string> {
  const { role, teamId, org, municipalityCodes, sub = `dev-${role}`, expiresIn = '1h' } = claims;
  return new SignJWT({
    role,
    ...(teamId !== undefined && { teamId }),
    ...(org !== undefined && { org }),
    ...(municipalityCodes !== undefined && { municipalityCodes }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
