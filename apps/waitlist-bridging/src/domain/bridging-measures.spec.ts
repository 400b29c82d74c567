import { shareBridged, weeksBridged } from './bridging-measures';

const day = (iso: string) => new Date(`${iso}T09:00:00Z`);

describe('weeks of waiting time bridged', () => {
  it('counts from acceptance to the exit when the youngster left the list', () => {
    // accepted 2026-12-01, exited 2026-12-29: 28 days = 4 weeks
    expect(
      weeksBridged({
        enteredAt: day('2026-11-27'),
        acceptedAt: day('2026-12-01'),
        expectedWaitWeeks: 12,
        exitedAt: day('2026-12-29'),
      }),
    ).toBe(4);
  });

  it('counts to the expected end of the wait while the youngster still waits', () => {
    // entered 2026-11-27 + 12 weeks = 2027-02-19; accepted 2 weeks in: 10 weeks bridged
    expect(
      weeksBridged({ enteredAt: day('2026-11-27'), acceptedAt: day('2026-12-11'), expectedWaitWeeks: 12 }),
    ).toBe(10);
  });

  it('is never negative when the wait was shorter than expected', () => {
    expect(
      weeksBridged({ enteredAt: day('2026-11-27'), acceptedAt: day('2026-12-11'), expectedWaitWeeks: 1 }),
    ).toBe(0);
  });
});

describe('share bridged', () => {
  it.each`
    bridged | waiting | share
    ${0}    | ${0}    | ${0}
    ${1}    | ${4}    | ${0.25}
    ${10}   | ${12}   | ${10 / 12}
  `('$bridged of $waiting waiting youngsters bridged is $share', ({ bridged, waiting, share }) => {
    expect(shareBridged(bridged, waiting)).toBeCloseTo(share);
  });
});
