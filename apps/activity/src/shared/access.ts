import { ActsForAnotherTeam } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';

/** Team roles act only for their own team; admin, ops and service act for any team. */
export function assertActsForTeam(principal: Principal, teamId: string): void {
  if (principal.role === 'team-lead' || principal.role === 'youth-worker') {
    if (principal.teamId !== teamId) throw new ActsForAnotherTeam(principal.role, teamId);
  }
}
