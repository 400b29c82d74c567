import { CARE_NO_LONGER_NEEDED_SHARE, exitReason } from './waitlist-simulator';

describe('the reasons the simulator gives its exits', () => {
  it.each([
    [0, 'care-no-longer-needed'],
    [0.399, 'care-no-longer-needed'],
    [0.4, 'care-started'],
    [0.759, 'care-started'],
    [0.76, 'withdrawn'],
    [0.84, 'moved'],
    [0.92, 'other'],
    [0.9999, 'other'],
  ])('gives a roll of %s the reason %s', (roll, reason) => {
    expect(exitReason(roll)).toBe(reason);
  });

  it('makes 2 in 5 exits care-no-longer-needed', () => {
    // Rolls spread evenly over [0, 1): exactly the documented share of them.
    const rolls = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const share = rolls.filter((r) => exitReason(r) === 'care-no-longer-needed').length / rolls.length;
    expect(share).toBe(CARE_NO_LONGER_NEEDED_SHARE);
  });
});
