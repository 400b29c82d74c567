/**
 * Who may call the services: the intake system of youth care, the people of youth work and ops,
 * `policy`: a municipal policy officer who sees the impact aggregates of their own municipalities,
 * and `service`: one Samenspel service calling another (machine to machine, never a person).
 */
export const ROLES = [
  'intake-system',
  'youth-worker',
  'team-lead',
  'ops',
  'admin',
  'service',
  'policy',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one team, so their tokens must carry a teamId. */
export const TEAM_ROLES: readonly Role[] = ['youth-worker', 'team-lead'];

/** Roles scoped to municipalities, so their tokens must carry municipalityCodes. */
export const MUNICIPALITY_ROLES: readonly Role[] = ['policy'];

/**
 * Roles that may call only the routes whose @Roles() names them: a route without @Roles() (any
 * signed-in caller) is refused to them.
 */
export const NAMED_ONLY_ROLES: readonly Role[] = ['policy'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
