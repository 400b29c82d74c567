/**
 * Who may call the services: the intake system of youth care, the people of youth work and ops,
 * and `service`: one Samenspel service calling another (machine to machine, never a person).
 */
export const ROLES = ['intake-system', 'youth-worker', 'team-lead', 'ops', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one team, so their tokens must carry a teamId. */
export const TEAM_ROLES: readonly Role[] = ['youth-worker', 'team-lead'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
