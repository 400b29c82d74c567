import { ageFit, interestOverlap, proximity, rankCandidates, type RankableActivity } from './ranking';

const activity = (over: Partial<RankableActivity>): RankableActivity => ({
  activityId: 'a',
  teamId: 't',
  title: 'An activity',
  themes: ['sport'],
  minAge: 10,
  maxAge: 16,
  municipalityCode: 'GM0344',
  postcode4: '3562',
  status: 'open',
  available: 5,
  ...over,
});

const query = { ageYears: 14, postcode4: '3562', municipalityCode: 'GM0344', interests: ['sport', 'music'] };

describe('candidate ranking', () => {
  it.each([
    [13, 10, 16, 1], // the middle of 10-16
    [10, 10, 16, 0.5], // an edge
    [16, 10, 16, 0.5],
    [14, 10, 16, 0.833], // 1 from the middle of a half-width of 3: 1 - (1/3)/2
    [12, 12, 12, 1],
    [9, 10, 16, 0],
  ])('age %i in %i-%i fits %p', (age, min, max, fit) => {
    expect(ageFit(age, min, max)).toBe(fit);
  });

  it.each([
    ['3562', '3562', 1],
    ['3562', '3561', 0.909], // 1 / (1 + 1/10)
    ['3562', '3572', 0.5], // 1 / (1 + 10/10)
    ['3811', '3562', 0.039], // 1 / (1 + 249/10)
  ])('proximity of %s to %s is %p', (a, b, p) => {
    expect(proximity(a, b)).toBe(p);
  });

  it('counts shared interests case-insensitively, once each', () => {
    expect(interestOverlap(['Sport', 'sport', 'music', 'chess'], ['sport', 'music'])).toEqual([
      'sport',
      'music',
    ]);
  });

  it('ranks more shared interests above a nearer activity', () => {
    const ranked = rankCandidates(
      [
        activity({ activityId: 'near', themes: ['sport'], postcode4: '3562' }),
        activity({ activityId: 'both', themes: ['sport', 'music'], postcode4: '3590' }),
      ],
      query,
    );
    expect(ranked.map((c) => c.activityId)).toEqual(['both', 'near']);
    expect(ranked.map((c) => c.rank)).toEqual([1, 2]);
  });

  it('ranks the same postcode area first among equal interest overlap, then by numeric distance', () => {
    const ranked = rankCandidates(
      [
        activity({ activityId: 'far', postcode4: '3584' }),
        activity({ activityId: 'same', postcode4: '3562' }),
        activity({ activityId: 'next-door', postcode4: '3563' }),
      ],
      query,
    );
    expect(ranked.map((c) => c.activityId)).toEqual(['same', 'next-door', 'far']);
  });

  it('leaves out what is not eligible: closed, full, too old, another municipality, already offered', () => {
    const ranked = rankCandidates(
      [
        activity({ activityId: 'ok' }),
        activity({ activityId: 'paused', status: 'paused' }),
        activity({ activityId: 'full', available: 0 }),
        activity({ activityId: 'too-young-for-it', minAge: 16, maxAge: 23 }),
        activity({ activityId: 'amersfoort', municipalityCode: 'GM0307' }),
        activity({ activityId: 'offered' }),
      ],
      { ...query, excludeActivityIds: ['offered'] },
    );
    expect(ranked.map((c) => c.activityId)).toEqual(['ok']);
  });

  it('explains the score of the worked example in docs/activity.md', () => {
    const [candidate] = rankCandidates(
      [
        activity({
          activityId: 'voetbal',
          title: 'Voetbal',
          themes: ['sport', 'outdoor'],
          postcode4: '3561',
          available: 16,
        }),
      ],
      query,
    );
    // overlap 1 (sport); proximity 1/(1 + 1/10) = 0.909; ageFit 14 in 10-16 = 0.833;
    // total = 1 + 0.909/2 + 0.833/100 = 1.463
    expect(candidate.score).toEqual({ ageFit: 0.833, interestOverlap: 1, proximity: 0.909, total: 1.463 });
    expect(candidate.explanation).toEqual([
      'age 14 fits 10-16 (fit 0.833)',
      '1 shared interest(s): sport',
      'postcode area 3561 is 1 from 3562 (proximity 0.909)',
      '16 seat(s) free',
    ]);
  });

  it('returns at most the limit', () => {
    const many = Array.from({ length: 15 }, (_, i) =>
      activity({ activityId: `a${String(i).padStart(2, '0')}` }),
    );
    expect(rankCandidates(many, query)).toHaveLength(10);
    expect(rankCandidates(many, { ...query, limit: 3 }).map((c) => c.activityId)).toEqual([
      'a00',
      'a01',
      'a02',
    ]);
  });
});
