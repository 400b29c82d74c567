import { ForbiddenError, type Principal } from '@samenspel/http';

export interface ReferralScope {
  direction: 'care-to-youth-work' | 'youth-work-to-care';
  receivingTeamId: string | null;
  referringTeamId: string | null;
  referredByOrganisation: string;
}

/**
 * Who sees which referral. Youth workers and team leads: their own team's, received or sent;
 * an intake system: those its own organisation referred; ops, admin and other Samenspel
 * services: all. Anyone else: none.
 */
export function maySee(principal: Principal, referral: ReferralScope): boolean {
  switch (principal.role) {
    case 'admin':
    case 'ops':
    case 'service':
      return true;
    case 'youth-worker':
    case 'team-lead':
      return (
        principal.teamId !== undefined &&
        (referral.receivingTeamId === principal.teamId || referral.referringTeamId === principal.teamId)
      );
    case 'intake-system':
      return principal.org !== undefined && referral.referredByOrganisation === principal.org;
    default:
      return false;
  }
}

/** Notes are for the people working the referral; ops and machine callers never see them. */
export function maySeeNotes(principal: Principal): boolean {
  return principal.role !== 'ops' && principal.role !== 'service';
}

/** Ops watch and never change a referral; machine callers change it through events. */
export function mayChange(principal: Principal, referral: ReferralScope): boolean {
  return principal.role !== 'ops' && principal.role !== 'service' && maySee(principal, referral);
}

/**
 * Which status moves a caller may make by API. The receiving side works the referral; the
 * referring side may only withdraw it. Youth care answers a toeleiding by event, so a youth-work
 * team never accepts or rejects its own toeleiding. Admin may do any legal move.
 */
export function mayMoveTo(principal: Principal, referral: ReferralScope, to: string): boolean {
  if (!mayChange(principal, referral)) return false;
  if (principal.role === 'admin') return true;
  const team = principal.role === 'youth-worker' || principal.role === 'team-lead';
  if (referral.direction === 'care-to-youth-work') {
    return team ? referral.receivingTeamId === principal.teamId : to === 'cancelled';
  }
  return team && to !== 'accepted' && to !== 'rejected';
}

/**
 * The part of all referrals a caller may list: team roles their own team's (asking for another
 * team's is refused), an intake system its own organisation's, ops, admin and services all.
 */
export function listScopeOf(
  principal: Principal,
  teamId?: string,
): { scopeTeamId?: string; scopeOrganisation?: string } {
  if (principal.role === 'youth-worker' || principal.role === 'team-lead') {
    if (teamId && teamId !== principal.teamId) throw new ForbiddenError('You see only your own team');
    return { scopeTeamId: principal.teamId };
  }
  if (principal.role === 'intake-system') {
    if (!principal.org) throw new ForbiddenError('An intake-system token needs an org claim');
    return { scopeOrganisation: principal.org };
  }
  return {};
}
