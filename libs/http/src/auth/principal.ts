import { claimAt, DEFAULT_CLAIM_MAPPING, samenspelRolesOf, type ClaimMapping } from './claim-mapping';
import { MUNICIPALITY_ROLES, TEAM_ROLES, type Role } from './role';

const CBS_MUNICIPALITY_CODE = /^GM[0-9]{4}$/;

/** The verified caller of a request, read from its bearer token. */
export interface Principal {
  sub: string;
  role: Role;
  teamId?: string;
  org?: string;
  /** The CBS codes of the municipalities a policy officer sees (GM0344). */
  municipalityCodes?: string[];
}

/** Thrown when a token's signature is fine but its claims do not describe a valid caller. */
export class InvalidClaimsError extends Error {
  override name = 'InvalidClaimsError';
}

/**
 * Thrown when a token is valid but carries no role Samenspel knows: the caller is who they say,
 * yet may do nothing here, so the guard answers 403 rather than 401.
 */
export class UnknownRoleError extends InvalidClaimsError {
  override name = 'UnknownRoleError';
}

/**
 * Reads the principal from verified JWT claims, found where `mapping` says, rejecting claims no
 * valid caller has.
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping = DEFAULT_CLAIM_MAPPING,
): Principal {
  const { sub } = claims;
  const teamId = claimAt(claims, mapping.teamId);
  const org = claimAt(claims, mapping.org);
  const municipalityCodes = claimAt(claims, mapping.municipalityCodes);
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidClaimsError('the token has no subject');
  const roles = samenspelRolesOf(claimAt(claims, mapping.role), mapping.roleValues);
  if (roles.length === 0) throw new UnknownRoleError('the token has no known role');
  // Which of two roles a person acts in is not for Samenspel to guess.
  if (roles.length > 1) throw new UnknownRoleError('the token has more than one Samenspel role');
  const role: Role = roles[0];
  if (teamId !== undefined && (typeof teamId !== 'string' || teamId.length === 0)) {
    throw new InvalidClaimsError('the teamId claim must be a non-empty string');
  }
  if (TEAM_ROLES.includes(role) && teamId === undefined) {
    throw new InvalidClaimsError(`a ${role} token must carry a teamId`);
  }
  if (org !== undefined && typeof org !== 'string')
    throw new InvalidClaimsError('the org claim must be a string');
  if (
    municipalityCodes !== undefined &&
    !(
      Array.isArray(municipalityCodes) &&
      municipalityCodes.length > 0 &&
      municipalityCodes.every((c) => typeof c === 'string' && CBS_MUNICIPALITY_CODE.test(c))
    )
  ) {
    throw new InvalidClaimsError(
      'the municipalityCodes claim must be a non-empty array of CBS codes (GM0344)',
    );
  }
  if (MUNICIPALITY_ROLES.includes(role) && municipalityCodes === undefined) {
    throw new InvalidClaimsError(`a ${role} token must carry municipalityCodes`);
  }
  return {
    sub,
    role,
    ...(teamId !== undefined && { teamId }),
    ...(org !== undefined && { org }),
    ...(municipalityCodes !== undefined && { municipalityCodes: [...(municipalityCodes as string[])] }),
  };
}
