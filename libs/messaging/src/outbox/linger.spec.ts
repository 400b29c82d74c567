import { lingerAfter, lingerLeft } from './linger';

describe('lingerLeft', () => {
  it('waits out the rest of the linger when woken soon after a pass began', () => {
    expect(lingerLeft(1_000, 20, 1_005)).toBe(15);
    expect(lingerLeft(1_000, 20, 1_000)).toBe(20);
  });

  it('does not wait once the linger has passed since the pass began', () => {
    expect(lingerLeft(1_000, 20, 1_020)).toBe(0);
    expect(lingerLeft(1_000, 20, 5_000)).toBe(0);
  });

  it('never waits with a linger of 0 or less', () => {
    expect(lingerLeft(1_000, 0, 1_000)).toBe(0);
    expect(lingerLeft(1_000, -5, 1_000)).toBe(0);
  });

  it('never waits longer than the linger, even when the clock went backwards', () => {
    expect(lingerLeft(1_000, 20, 900)).toBe(20);
  });
});

describe('lingerAfter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 10_000 }));
  afterEach(() => jest.useRealTimers());

  it('resolves only when the linger has passed since the pass began', async () => {
    let done = false;
    const waiting = lingerAfter(9_995, 20).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(14);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('resolves without a timer for a pass that began long ago', async () => {
    await lingerAfter(0, 20);
    expect(jest.getTimerCount()).toBe(0);
  });
});
