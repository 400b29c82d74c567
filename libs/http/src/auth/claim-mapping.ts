import type { AuthSettings } from './auth-settings';
import { isRole, ROLES, type Role } from './role';

/**
 * Where a token carries Samenspel's claims, so that any OpenID Provider can feed them: each field
 * is a claim name or a dotted path into nested claims (`realm_access.roles`), and `roleValues`
 * turns the provider's role names into Samenspel's (`samenspel-youth-worker` → `youth-worker`).
 */
export interface ClaimMapping {
  role: string;
  teamId: string;
  org: string;
  municipalityCodes: string;
  /** Provider role → Samenspel role; a value not listed is taken as it is. */
  roleValues: ReadonlyMap<string, Role>;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  role: 'role',
  teamId: 'teamId',
  org: 'org',
  municipalityCodes: 'municipalityCodes',
  roleValues: new Map(),
};

/**
 * The value at a claim path: the claim of that exact name when there is one (a namespaced claim
 * such as `https://example.org/role` holds dots), else the path followed through nested objects.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The Samenspel roles a role claim names, after the mapping: a string or an array of strings (a
 * provider lists all of a user's roles; the ones Samenspel does not know are left out).
 */
export function samenspelRolesOf(value: unknown, roleValues: ReadonlyMap<string, Role>): Role[] {
  const names = Array.isArray(value) ? value : [value];
  const roles = names
    .filter((name): name is string => typeof name === 'string')
    .map((name) => roleValues.get(name) ?? name)
    .filter(isRole);
  return [...new Set(roles)];
}

/**
 * Reads AUTH_ROLE_MAP: comma-separated `providerRole=samenspelRole` pairs, such as
 * `samenspel-youth-worker=youth-worker,samenspel-lead=team-lead`. Throws with the reason.
 */
export function parseRoleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*([^=\s]+)$/.exec(pair);
    if (!match) throw new Error(`"${pair}" is not providerRole=samenspelRole`);
    const [, from, to] = match;
    if (!isRole(to)) throw new Error(`${to} is not a Samenspel role (${ROLES.join(', ')})`);
    if (map.has(from)) throw new Error(`${from} is mapped twice`);
    map.set(from, to);
  }
  return map;
}

/** The mapping AUTH_CLAIM_ROLE, AUTH_CLAIM_TEAM_ID, AUTH_CLAIM_ORG, AUTH_CLAIM_MUNICIPALITY_CODES and AUTH_ROLE_MAP describe. */
export function claimMappingOf(settings: AuthSettings): ClaimMapping {
  return {
    role: settings.AUTH_CLAIM_ROLE ?? DEFAULT_CLAIM_MAPPING.role,
    teamId: settings.AUTH_CLAIM_TEAM_ID ?? DEFAULT_CLAIM_MAPPING.teamId,
    org: settings.AUTH_CLAIM_ORG ?? DEFAULT_CLAIM_MAPPING.org,
    municipalityCodes: settings.AUTH_CLAIM_MUNICIPALITY_CODES ?? DEFAULT_CLAIM_MAPPING.municipalityCodes,
    roleValues: parseRoleMap(settings.AUTH_ROLE_MAP ?? ''),
  };
}
