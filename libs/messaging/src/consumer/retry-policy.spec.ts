import { backoff } from './retry-policy';

describe('backoff with jitter', () => {
  // Attempt n waits between half and all of min(max, base * 2^(n-1)).
  it.each([
    [1, 100, 5000, 50, 100],
    [2, 100, 5000, 100, 200],
    [4, 100, 5000, 400, 800],
    [10, 100, 5000, 2500, 5000], // 100 * 2^9 = 51,200, capped at 5,000
  ])('attempt %i with base %i and cap %i waits %i–%i ms', (attempt, base, max, low, high) => {
    for (let i = 0; i < 50; i++) {
      const wait = backoff(attempt, base, max);
      expect(wait).toBeGreaterThanOrEqual(low);
      expect(wait).toBeLessThanOrEqual(high);
    }
  });
});
