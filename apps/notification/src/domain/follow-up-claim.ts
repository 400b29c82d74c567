/** The task types that go with a youngster's follow-up claim: the follow-up plan's steps and check-ins. */
export const CLAIMED_FOLLOW_UP_TYPES: readonly string[] = ['follow-up'];

export type FollowUpClaimAction = 'claim' | 'release' | 'reassign';

/**
 * What a change of a youngster's follow-up holder does: `apply`, `noop` (already so: a repeated
 * click), or `conflict` (another worker holds it). A worker claims a follow-up nobody holds and
 * releases their own; a team-lead also releases anyone's, and reassigns it to any worker of the
 * team, also when nobody held it.
 */
export function decideFollowUpClaim(
  action: FollowUpClaimAction,
  holder: string | null,
  caller: { sub: string; isTeamLead: boolean },
  target?: string,
): 'apply' | 'noop' | 'conflict' {
  switch (action) {
    case 'claim':
      if (holder === null) return 'apply';
      return holder === caller.sub ? 'noop' : 'conflict';
    case 'release':
      if (holder === null) return 'noop';
      return holder === caller.sub || caller.isTeamLead ? 'apply' : 'conflict';
    case 'reassign':
      if (!caller.isTeamLead) return 'conflict';
      return holder === target ? 'noop' : 'apply';
  }
}

/**
 * Whether a task of the youngster moves when the follow-up goes from `from` (null: the team) to
 * another holder: a follow-up task still open, or claimed by the previous holder. A task another
 * worker claimed on their own stays with them, and a task that ended stays as it ended.
 */
export function movesWithFollowUp(
  task: { type: string; status: string; assignee: string | null },
  from: string | null,
): boolean {
  if (!CLAIMED_FOLLOW_UP_TYPES.includes(task.type)) return false;
  if (task.status === 'open') return true;
  return task.status === 'claimed' && from !== null && task.assignee === from;
}

/** The status and assignee a moving task gets: claimed by the new holder, or open for the team. */
export function assignmentTo(
  holder: string | null,
  at: Date,
): { status: 'claimed' | 'open'; assignee: string | null; claimedAt: Date | null } {
  return holder === null
    ? { status: 'open', assignee: null, claimedAt: null }
    : { status: 'claimed', assignee: holder, claimedAt: at };
}
