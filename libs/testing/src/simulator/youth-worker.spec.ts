import { acceptsOffer, DEFAULT_ACCEPT_SHARE } from './youth-worker';

describe('the offers the simulated youth workers accept', () => {
  it.each([
    [0, 0.6, true],
    [0.599, 0.6, true],
    [0.6, 0.6, false],
    [0.9999, 0.6, false],
    [0, 0, false],
    [0.9999, 1, true],
  ])('accepts a roll of %s at a share of %s: %s', (roll, share, accepted) => {
    expect(acceptsOffer(roll, share)).toBe(accepted);
  });

  it('accepts 3 in 5 offers by default', () => {
    // Rolls spread evenly over [0, 1): exactly the documented share of them.
    const rolls = Array.from({ length: 1000 }, (_, i) => i / 1000);
    expect(rolls.filter((r) => acceptsOffer(r, DEFAULT_ACCEPT_SHARE)).length / rolls.length).toBe(0.6);
  });
});
