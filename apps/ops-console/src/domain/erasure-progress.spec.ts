import { erasureProgress, ERASING_SERVICES, youthRefShownTo } from './erasure-progress';

describe('erasure progress', () => {
  it('is complete only when all five services confirmed', () => {
    expect(erasureProgress([...ERASING_SERVICES]).complete).toBe(true);
    expect(erasureProgress(ERASING_SERVICES.slice(0, 4)).complete).toBe(false);
  });

  it.each([
    [[], 5],
    [['referral'], 4],
    [['referral', 'referral', 'activity'], 3],
    [['referral', 'some-other-service'], 4],
  ])('with %j confirmed it waits for %d services', (confirmed, waiting) => {
    const progress = erasureProgress(confirmed);
    expect(progress.waitingFor).toHaveLength(waiting);
    expect(progress.confirmed).toHaveLength(5 - waiting);
    expect(progress.complete).toBe(false);
  });

  it('lists the services in the catalogue order, each once', () => {
    expect(erasureProgress(['ops-console', 'activity', 'activity']).confirmed).toEqual([
      'activity',
      'ops-console',
    ]);
  });
});

describe('who sees the youthRef of a request', () => {
  it.each([
    ['admin', 'yr_0123456789', 'yr_0123456789'],
    ['ops', 'yr_0123456789', null],
    ['admin', null, null],
  ])('%s sees %s as %s', (role, youthRef, shown) => {
    expect(youthRefShownTo(role, youthRef)).toBe(shown);
  });
});
