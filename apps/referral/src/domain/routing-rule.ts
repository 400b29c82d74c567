export interface CandidateTeam {
  teamId: string;
  /** Referrals of this team that are still open (requested, accepted, in-progress, on-hold). */
  openReferrals: number;
}

/**
 * Picks the receiving team among the teams that serve the youngster's municipality: the one with
 * the fewest open referrals, so that work spreads; on a tie the lowest teamId (code-unit order),
 * so that the choice is deterministic. No candidate: null (the referral stays unrouted).
 */
export function chooseReceivingTeam(candidates: readonly CandidateTeam[]): string | null {
  let best: CandidateTeam | null = null;
  for (const team of candidates) {
    if (
      best === null ||
      team.openReferrals < best.openReferrals ||
      (team.openReferrals === best.openReferrals && team.teamId < best.teamId)
    ) {
      best = team;
    }
  }
  return best?.teamId ?? null;
}
