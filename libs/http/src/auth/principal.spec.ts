import { InvalidClaimsError, principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it.each([
    [
      { sub: 'u-1', role: 'intake-system' },
      { sub: 'u-1', role: 'intake-system' },
    ],
    [
      { sub: 'u-2', role: 'youth-worker', teamId: 't-1' },
      { sub: 'u-2', role: 'youth-worker', teamId: 't-1' },
    ],
    [
      { sub: 'u-3', role: 'team-lead', teamId: 't-1', org: 'buurtwerk-noord', iat: 1 },
      { sub: 'u-3', role: 'team-lead', teamId: 't-1', org: 'buurtwerk-noord' },
    ],
    [
      { sub: 'u-4', role: 'ops', org: 'gemeente' },
      { sub: 'u-4', role: 'ops', org: 'gemeente' },
    ],
    [
      { sub: 'u-5', role: 'admin' },
      { sub: 'u-5', role: 'admin' },
    ],
    [
      { sub: 'u-6', role: 'policy', municipalityCodes: ['GM0344', 'GM0307'] },
      { sub: 'u-6', role: 'policy', municipalityCodes: ['GM0344', 'GM0307'] },
    ],
  ])('reads a valid caller from %j', (claims, principal) => {
    expect(principalFromClaims(claims)).toEqual(principal);
  });

  it.each([
    [{ role: 'admin' }, 'the token has no subject'],
    [{ sub: '', role: 'admin' }, 'the token has no subject'],
    [{ sub: 'u-1' }, 'the token has no known role'],
    [{ sub: 'u-1', role: 'superuser' }, 'the token has no known role'],
    [{ sub: 'u-1', role: 'youth-worker' }, 'a youth-worker token must carry a teamId'],
    [{ sub: 'u-1', role: 'team-lead' }, 'a team-lead token must carry a teamId'],
    [{ sub: 'u-1', role: 'team-lead', teamId: '' }, 'the teamId claim must be a non-empty string'],
    [{ sub: 'u-1', role: 'ops', teamId: 7 }, 'the teamId claim must be a non-empty string'],
    [{ sub: 'u-1', role: 'ops', org: ['a'] }, 'the org claim must be a string'],
    [{ sub: 'u-1', role: 'policy' }, 'a policy token must carry municipalityCodes'],
    ...[[], 'GM0344', ['0344'], ['GM0344', 7], ['unknown']].map(
      (codes) =>
        [
          { sub: 'u-1', role: 'policy', municipalityCodes: codes },
          'the municipalityCodes claim must be a non-empty array of CBS codes (GM0344)',
        ] as [Record<string, unknown>, string],
    ),
  ])('rejects %j', (claims, reason) => {
    expect(() => principalFromClaims(claims)).toThrow(new InvalidClaimsError(reason));
  });
});
