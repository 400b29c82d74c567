import { ActsForAnotherTeam } from '@samenspel/contracts';

/** Who acts: a role, and for a team role the team its token names. */
export interface Actor {
  role: string;
  teamId?: string;
}

/** The roles that act for one team only; admin, ops and service act for any team. */
const TEAM_ROLES: readonly string[] = ['team-lead', 'youth-worker'];

/** The team a team role is limited to; none for a role that acts for any team. */
export function ownTeamOf(actor: Actor): string | undefined {
  return TEAM_ROLES.includes(actor.role) ? actor.teamId : undefined;
}

/**
 * Team roles act only for their own team; admin, ops and service act for any team. A refusal of
 * one youngster's record (a placement) names its youthRef for the audit trail.
 */
export function assertActsForTeam(actor: Actor, teamId: string, subjectRef?: string): void {
  if (TEAM_ROLES.includes(actor.role) && actor.teamId !== teamId) {
    throw new ActsForAnotherTeam(actor.role, subjectRef);
  }
}
