import {
  assignmentTo,
  decideFollowUpClaim,
  movesWithFollowUp,
  type FollowUpClaimAction,
} from './follow-up-claim';

describe('follow-up claim', () => {
  const worker = (sub: string) => ({ sub, isTeamLead: false });
  const lead = (sub: string) => ({ sub, isTeamLead: true });

  it.each<
    [
      string,
      FollowUpClaimAction,
      string | null,
      { sub: string; isTeamLead: boolean },
      string | undefined,
      string,
    ]
  >([
    ['a worker claims a follow-up nobody holds', 'claim', null, worker('w1'), undefined, 'apply'],
    ['the holder claims it again (a repeated click)', 'claim', 'w1', worker('w1'), undefined, 'noop'],
    ['another worker claims a held follow-up', 'claim', 'w1', worker('w2'), undefined, 'conflict'],
    ['a team-lead claims a follow-up another worker holds', 'claim', 'w1', lead('l1'), undefined, 'conflict'],
    ['the holder releases it', 'release', 'w1', worker('w1'), undefined, 'apply'],
    ['releasing a follow-up nobody holds', 'release', null, worker('w1'), undefined, 'noop'],
    ['another worker releases a held follow-up', 'release', 'w1', worker('w2'), undefined, 'conflict'],
    ['a team-lead releases another worker’s follow-up', 'release', 'w1', lead('l1'), undefined, 'apply'],
    ['a team-lead reassigns to another worker', 'reassign', 'w1', lead('l1'), 'w2', 'apply'],
    ['a team-lead assigns a follow-up nobody holds', 'reassign', null, lead('l1'), 'w2', 'apply'],
    ['a team-lead reassigns to the holder (a repeated click)', 'reassign', 'w2', lead('l1'), 'w2', 'noop'],
    ['a worker reassigns', 'reassign', 'w1', worker('w1'), 'w2', 'conflict'],
  ])('%s: %s', (_scenario, action, holder, caller, target, expected) => {
    expect(decideFollowUpClaim(action, holder, caller, target)).toBe(expected);
  });

  it.each<[string, string, string, string | null, string | null, boolean]>([
    ['an open follow-up step moves to the claimant', 'follow-up', 'open', null, null, true],
    ['an open step moves on a reassignment', 'follow-up', 'open', null, 'w1', true],
    ['the previous holder’s claimed step moves', 'follow-up', 'claimed', 'w1', 'w1', true],
    ['a step another worker claimed on their own stays', 'follow-up', 'claimed', 'w3', 'w1', false],
    ['a claimed step stays when nobody held the follow-up', 'follow-up', 'claimed', 'w3', null, false],
    ['a done step stays as it ended', 'follow-up', 'done', 'w1', 'w1', false],
    ['a cancelled step stays as it ended', 'follow-up', 'cancelled', null, null, false],
    ['an open offer task is not part of the follow-up', 'bridging-offer', 'open', null, null, false],
    ['an open intake is not part of the follow-up', 'handover-intake', 'open', null, 'w1', false],
  ])('%s', (_scenario, type, status, assignee, from, expected) => {
    expect(movesWithFollowUp({ type, status, assignee }, from)).toBe(expected);
  });

  it('gives a moving task to the new holder, or back to the team', () => {
    const at = new Date('2026-12-07T10:00:00Z');
    expect(assignmentTo('w2', at)).toEqual({ status: 'claimed', assignee: 'w2', claimedAt: at });
    expect(assignmentTo(null, at)).toEqual({ status: 'open', assignee: null, claimedAt: null });
  });
});
