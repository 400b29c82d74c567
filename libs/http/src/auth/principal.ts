import { isRole, TEAM_ROLES, type Role } from './role';

/** The verified caller of a request, read from its bearer token. */
export interface Principal {
  sub: string;
  role: Role;
  teamId?: string;
  org?: string;
}

/** Thrown when a token's signature is fine but its claims do not describe a valid caller. */
export class InvalidClaimsError extends Error {
  override name = 'InvalidClaimsError';
}

/** Reads the principal from verified JWT claims, rejecting claims no valid caller has. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role, teamId, org } = claims;
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidClaimsError('the token has no subject');
  if (!isRole(role)) throw new InvalidClaimsError('the token has no known role');
  if (teamId !== undefined && (typeof teamId !== 'string' || teamId.length === 0)) {
    throw new InvalidClaimsError('the teamId claim must be a non-empty string');
  }
  if (TEAM_ROLES.includes(role) && teamId === undefined) {
    throw new InvalidClaimsError(`a ${role} token must carry a teamId`);
  }
  if (org !== undefined && typeof org !== 'string')
    throw new InvalidClaimsError('the org claim must be a string');
  return { sub, role, ...(teamId !== undefined && { teamId }), ...(org !== undefined && { org }) };
}
