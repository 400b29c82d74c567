import { chooseReceivingTeam, type CandidateTeam } from './routing-rule';

describe('routing a referral to a youth-work team', () => {
  const cases: [string, CandidateTeam[], string | null][] = [
    ['no team serves the municipality', [], null],
    ['one team serves it', [{ teamId: 'team-b', openReferrals: 9 }], 'team-b'],
    [
      'the team with the fewest open referrals wins',
      [
        { teamId: 'team-a', openReferrals: 3 },
        { teamId: 'team-b', openReferrals: 2 },
      ],
      'team-b',
    ],
    [
      'a tie goes to the lowest teamId, whatever the input order',
      [
        { teamId: 'team-c', openReferrals: 1 },
        { teamId: 'team-a', openReferrals: 1 },
        { teamId: 'team-b', openReferrals: 1 },
      ],
      'team-a',
    ],
    [
      'zero open referrals beats a lower teamId with one',
      [
        { teamId: 'team-a', openReferrals: 1 },
        { teamId: 'team-z', openReferrals: 0 },
      ],
      'team-z',
    ],
  ];

  it.each(cases)('%s', (_scenario, candidates, expected) => {
    expect(chooseReceivingTeam(candidates)).toBe(expected);
    expect(chooseReceivingTeam([...candidates].reverse())).toBe(expected);
  });
});
