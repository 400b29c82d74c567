import { InvalidField } from '@samenspel/contracts';
import { holdExpiry, MAX_HOLD_MS } from './hold-expiry';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const DAY = 24 * 3600 * 1000;
const P7D = 7 * DAY;

describe('when a hold lapses', () => {
  it.each<[string, Date | undefined, number, Date]>([
    // scenario, requested, default TTL → expires at
    ['none asked: the default TTL from now', undefined, P7D, new Date(NOW + P7D)],
    ['one millisecond ahead', new Date(NOW + 1), P7D, new Date(NOW + 1)],
    ['an hour ahead, whatever the default', new Date(NOW + 3600_000), 30 * DAY, new Date(NOW + 3600_000)],
    ['exactly 90 days ahead', new Date(NOW + MAX_HOLD_MS), P7D, new Date(NOW + 90 * DAY)],
  ])('%s', (_scenario, requested, ttl, expected) => {
    expect(holdExpiry(requested, ttl, NOW)).toEqual(expected);
  });

  it.each<[string, Date | undefined, number]>([
    // scenario, requested, default TTL → refused
    ['now itself', new Date(NOW), P7D],
    ['a second ago', new Date(NOW - 1000), P7D],
    ['90 days and a millisecond ahead', new Date(NOW + MAX_HOLD_MS + 1), P7D],
    ['none asked, with a default beyond 90 days (P100D)', undefined, 100 * DAY],
  ])('refuses %s as an invalid expiresAt', (_scenario, requested, ttl) => {
    let refusal: unknown;
    try {
      holdExpiry(requested, ttl, NOW);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InvalidField);
    expect(refusal).toMatchObject({
      kind: 'invalid-field',
      extensions: {
        errors: [{ field: 'expiresAt', messages: ['must lie in the future and at most 90 days ahead'] }],
      },
    });
  });
});
