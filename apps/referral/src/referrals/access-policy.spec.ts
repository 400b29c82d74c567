import type { Principal } from '@samenspel/http';
import { mayChange, mayMoveTo, maySee, maySeeNotes, type ReferralScope } from './access-policy';

const toTeamA: ReferralScope = {
  direction: 'care-to-youth-work',
  receivingTeamId: 'team-a',
  referringTeamId: null,
  referredByOrganisation: 'org-x',
};
const fromTeamB: ReferralScope = {
  direction: 'youth-work-to-care',
  receivingTeamId: null,
  referringTeamId: 'team-b',
  referredByOrganisation: 'team-b-org',
};
const unrouted: ReferralScope = {
  direction: 'care-to-youth-work',
  receivingTeamId: null,
  referringTeamId: null,
  referredByOrganisation: 'org-x',
};

const p = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({
  sub: 's',
  role,
  ...extra,
});

describe('who sees a referral', () => {
  const cases: [string, Principal, ReferralScope, boolean][] = [
    ['a youth worker of the receiving team', p('youth-worker', { teamId: 'team-a' }), toTeamA, true],
    ['a youth worker of another team', p('youth-worker', { teamId: 'team-b' }), toTeamA, false],
    ['a team lead of the referring team', p('team-lead', { teamId: 'team-b' }), fromTeamB, true],
    ['a team lead of another team', p('team-lead', { teamId: 'team-a' }), fromTeamB, false],
    ['a youth worker, on an unrouted referral', p('youth-worker', { teamId: 'team-a' }), unrouted, false],
    ['the intake system that referred', p('intake-system', { org: 'org-x' }), toTeamA, true],
    ['another intake system', p('intake-system', { org: 'org-y' }), toTeamA, false],
    ['an intake system without org', p('intake-system'), toTeamA, false],
    ['ops, on an unrouted referral', p('ops'), unrouted, true],
    ['admin', p('admin'), fromTeamB, true],
  ];

  it.each(cases)('%s: %s', (_who, principal, referral, expected) => {
    expect(maySee(principal, referral)).toBe(expected);
  });

  it('never shows notes to ops or to another service', () => {
    expect([p('ops'), p('service')].map(maySeeNotes)).toEqual([false, false]);
    expect(
      [p('admin'), p('intake-system', { org: 'o' }), p('youth-worker', { teamId: 't' })].map(maySeeNotes),
    ).toEqual([true, true, true]);
  });

  it('lets ops watch but not change a referral', () => {
    expect(mayChange(p('ops'), toTeamA)).toBe(false);
    expect(mayChange(p('youth-worker', { teamId: 'team-a' }), toTeamA)).toBe(true);
  });

  describe('which moves a caller may make', () => {
    const worker = p('youth-worker', { teamId: 'team-a' });
    const referrer = p('intake-system', { org: 'org-x' });
    const toeleider = p('team-lead', { teamId: 'team-b' });
    const moves: [string, Principal, ReferralScope, string, boolean][] = [
      ['the receiving team accepts', worker, toTeamA, 'accepted', true],
      ['the receiving team completes', worker, toTeamA, 'completed', true],
      ['the referring intake system withdraws', referrer, toTeamA, 'cancelled', true],
      ['the referring intake system cannot accept for youth work', referrer, toTeamA, 'accepted', false],
      ['the toeleiding team withdraws its toeleiding', toeleider, fromTeamB, 'cancelled', true],
      ['the toeleiding team records completion', toeleider, fromTeamB, 'completed', true],
      ['the toeleiding team cannot accept for youth care', toeleider, fromTeamB, 'accepted', false],
      ['the toeleiding team cannot reject for youth care', toeleider, fromTeamB, 'rejected', false],
      ['another team moves nothing', p('youth-worker', { teamId: 'team-z' }), toTeamA, 'accepted', false],
      ['ops moves nothing', p('ops'), toTeamA, 'cancelled', false],
      ['admin may make any move', p('admin'), fromTeamB, 'accepted', true],
    ];

    it.each(moves)('%s', (_scenario, principal, referral, to, expected) => {
      expect(mayMoveTo(principal, referral, to)).toBe(expected);
    });
  });
});
