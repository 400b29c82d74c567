import {
  DEFAULT_PARALLEL_REFERRAL_SHARE,
  parallelReferralBody,
  refersInParallel,
  refusalReason,
  type EnteredYoungster,
} from './intake-system';

const youngster = (youthWork = true): EnteredYoungster => ({
  youthRef: 'yr_0123456789ab',
  ageYears: 14,
  postcode4: '3581',
  municipalityCode: 'GM0344',
  interests: ['music', 'sport'],
  consent: { youthWork, givenBy: 'youth-and-guardian', givenAt: '2026-11-30T10:00:00.000Z' },
});

describe('the parallel referrals of the simulated intake system', () => {
  it.each([
    [0, 0.1, true, true],
    [0.0999, 0.1, true, true],
    [0.1, 0.1, true, false],
    [0, 0.1, false, false],
    [0, 0, true, false],
    [0.9999, 1, true, true],
  ])('refers a roll of %s at a share of %s (consent %s): %s', (roll, share, consent, referred) => {
    expect(refersInParallel(youngster(consent), roll, share)).toBe(referred);
  });

  it('refers 1 in 10 youngsters with consent by default', () => {
    const rolls = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const referred = rolls.filter((r) => refersInParallel(youngster(), r, DEFAULT_PARALLEL_REFERRAL_SHARE));
    expect(referred.length / rolls.length).toBe(0.1);
  });

  it("refers to youth work during care, with the entry's interests as themes and its consent, and no note", () => {
    const y = youngster();
    expect(parallelReferralBody(y)).toEqual({
      direction: 'care-to-youth-work',
      phase: 'during',
      youthRef: y.youthRef,
      ageYears: y.ageYears,
      postcode4: y.postcode4,
      municipalityCode: y.municipalityCode,
      reason: 'leisure',
      themes: y.interests,
      consent: y.consent,
      referredByRole: 'care-worker',
    });
  });

  it.each([
    [409, { type: 'https://samenspel.example/problems/conflict' }, 'conflict'],
    [400, {}, '400'],
    [502, { type: 42 }, '502'],
  ])('counts a refusal %s %j as %s', (status, problem, reason) => {
    expect(refusalReason(status, problem)).toBe(reason);
  });
});
