import { followUpTransitions } from './follow-up-mapping';
import type { ReferralStatus } from './referral-state-machine';

describe('a follow-up outcome moves the referral', () => {
  const cases: [ReferralStatus, string, boolean, string[]][] = [
    ['requested', 'reached', false, ['accepted', 'in-progress']],
    ['accepted', 'reached', false, ['in-progress']],
    ['on-hold', 'reached', false, ['in-progress']],
    ['in-progress', 'reached', false, []],
    ['in-progress', 'engaged-in-activity', false, ['completed:engaged-in-activity']],
    ['requested', 'internship-or-work-found', false, ['accepted', 'completed:internship-or-work-found']],
    ['accepted', 'declined', false, ['completed:declined']],
    ['in-progress', 'not-reached', false, []],
    ['in-progress', 'not-reached', true, ['failed:unreachable']],
    ['requested', 'not-reached', true, ['accepted', 'failed:unreachable']],
    ['completed', 'reached', false, []],
    ['cancelled', 'not-reached', true, []],
    ['in-progress', 'something-new', false, []],
  ];

  it.each(cases)('from %s, outcome %s (final step: %s) gives %j', (status, outcome, final, expected) => {
    const moves = followUpTransitions(status, outcome, final).map((t) =>
      t.to === 'completed' ? `completed:${t.outcome}` : t.to === 'failed' ? `failed:${t.reasonCode}` : t.to,
    );
    expect(moves).toEqual(expected);
  });
});
