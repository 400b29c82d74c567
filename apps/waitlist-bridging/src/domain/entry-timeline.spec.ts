import { entryTimeline } from './entry-timeline';

const t = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute));
const entry = { enteredAt: t(0), exitedAt: null, exitReason: null };
const offer = (
  rank: number,
  status: string,
  offeredAt: Date,
  decidedAt: Date | null,
  reason: string | null = null,
) => ({
  rank,
  status,
  offeredAt,
  decidedAt,
  reason,
});

describe('a youngster’s bridging timeline', () => {
  it.each<[string, Parameters<typeof entryTimeline>[0], Parameters<typeof entryTimeline>[1], unknown[]]>([
    ['entered and not offered yet', entry, [], [{ at: t(0).toISOString(), event: 'entered' }]],
    [
      'offered, the offer still open',
      entry,
      [offer(1, 'open', t(1), null)],
      [
        { at: t(0).toISOString(), event: 'entered' },
        { at: t(1).toISOString(), event: 'offered', rank: 1 },
      ],
    ],
    [
      'declined with its reason, then a second offer accepted',
      entry,
      [offer(2, 'accepted', t(5), t(6)), offer(1, 'declined', t(1), t(2), 'no-interest')],
      [
        { at: t(0).toISOString(), event: 'entered' },
        { at: t(1).toISOString(), event: 'offered', rank: 1 },
        { at: t(2).toISOString(), event: 'declined', rank: 1, reason: 'no-interest' },
        { at: t(5).toISOString(), event: 'offered', rank: 2 },
        { at: t(6).toISOString(), event: 'accepted', rank: 2 },
      ],
    ],
    [
      'an offer that lapsed, then left the list as care started',
      { enteredAt: t(0), exitedAt: t(9), exitReason: 'care-started' },
      [offer(1, 'expired', t(1), t(8))],
      [
        { at: t(0).toISOString(), event: 'entered' },
        { at: t(1).toISOString(), event: 'offered', rank: 1 },
        { at: t(8).toISOString(), event: 'expired', rank: 1 },
        { at: t(9).toISOString(), event: 'exited', reason: 'care-started' },
      ],
    ],
  ])('%s', (_scenario, e, offers, expected) => {
    expect(entryTimeline(e, offers)).toEqual(expected);
  });
});
