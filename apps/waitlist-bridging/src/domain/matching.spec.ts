import type { EntryStatus } from './bridging-lifecycle';
import {
  CANDIDATES,
  planMatch,
  settleMatch,
  type EntryNow,
  type MatchFound,
  type Settlement,
} from './matching';
import { offerIdFor } from './offer-id';

const NOW = new Date('2026-12-07T09:00:00Z');
const WEEK_MS = 7 * 24 * 3600 * 1000;

const entry = (status: EntryStatus = 'matching') => ({
  waitlistEntryId: 'UTR-WL-2026-000123',
  status,
  ageYears: 15,
  postcode4: '3581',
  municipalityCode: 'GM0344',
  interests: ['music', 'sport'],
});
const offered = (...activityIds: string[]) => activityIds.map((activityId) => ({ activityId }));

describe('planMatch', () => {
  it.each<[string, EntryStatus]>([
    ['consent is missing', 'awaiting-consent'],
    ['an offer is already open', 'offered'],
    ['the youngster waits in the queue', 'queued'],
    ['a placement was accepted', 'bridged'],
    ['every offer was made before', 'no-match'],
    ['the youngster left the list', 'ended'],
  ])('asks for no seat when %s', (_why, status) => {
    expect(planMatch(entry(status), [], NOW, WEEK_MS)).toEqual({ kind: 'skip' });
  });

  it.each`
    before                       | rank | excluded
    ${[]}                        | ${1} | ${undefined}
    ${offered('act-a')}          | ${2} | ${['act-a']}
    ${offered('act-a', 'act-b')} | ${3} | ${['act-a', 'act-b']}
    ${offered('act-a', 'act-a')} | ${3} | ${['act-a']}
  `(
    'asks for offer $rank, never in an activity offered before ($excluded)',
    ({ before, rank, excluded }: { before: { activityId: string }[]; rank: number; excluded?: string[] }) => {
      const plan = planMatch(entry(), before, NOW, WEEK_MS);
      expect(plan).toEqual({
        kind: 'hold',
        offerId: offerIdFor('UTR-WL-2026-000123', rank),
        rank,
        expiresAt: new Date('2026-12-14T09:00:00Z'),
        query: {
          ageYears: 15,
          postcode4: '3581',
          municipalityCode: 'GM0344',
          interests: ['music', 'sport'],
          ...(excluded && { excludeActivityIds: excluded }),
          limit: CANDIDATES,
        },
      });
      // No exclusions: the key is left out of the request, not sent empty.
      if (!excluded) expect(plan.kind === 'hold' && 'excludeActivityIds' in plan.query).toBe(false);
    },
  );

  it('ends in no-match without asking for a seat once three offers were made', () => {
    expect(planMatch(entry(), offered('act-a', 'act-b', 'act-c'), NOW, WEEK_MS)).toEqual({
      kind: 'no-match',
    });
  });

  it('asks with the same offer id on a retry, so the activity service answers the seat it held then', () => {
    const first = planMatch(entry(), [], NOW, WEEK_MS);
    const retry = planMatch(entry(), [], new Date(NOW.getTime() + 5000), WEEK_MS);
    expect(retry.kind === 'hold' && first.kind === 'hold' && retry.offerId === first.offerId).toBe(true);
  });

  it('holds the seat as long as the offer lasts: now plus the offer TTL', () => {
    // PT3S, as in the tests of lapsing offers: 09:00:00 + 3 s
    const plan = planMatch(entry(), [], NOW, 3000);
    expect(plan.kind === 'hold' && plan.expiresAt.toISOString()).toBe('2026-12-07T09:00:03.000Z');
  });
});

describe('settleMatch', () => {
  const matched = { municipalityCode: 'GM0344' };
  const now = (status: EntryStatus, o: Partial<EntryNow> = {}): EntryNow => ({
    status,
    municipalityCode: 'GM0344',
    queuedNotified: false,
    ...o,
  });
  const moved = (status: EntryStatus) => now(status, { municipalityCode: 'GM0363' });

  it.each<[string, EntryNow, MatchFound, Settlement]>([
    ['a seat held for an entry still matching is offered', now('matching'), 'seat', { kind: 'offer' }],
    [
      'no free seat queues the entry and tells the intake system',
      now('matching'),
      'no-seat',
      { kind: 'queue', tell: true },
    ],
    [
      'no free seat again, for an entry told before, queues it without telling again',
      now('matching', { queuedNotified: true }),
      'no-seat',
      { kind: 'queue', tell: false },
    ],
    [
      'every offer made ends an entry still matching in no-match',
      now('matching'),
      'no-match',
      { kind: 'no-match' },
    ],
    [
      'every offer made, for an entry that moved meanwhile, is still no-match',
      moved('matching'),
      'no-match',
      { kind: 'no-match' },
    ],
    [
      'a seat held for an entry that moved meanwhile is given back, and the entry matched again there',
      moved('matching'),
      'seat',
      { kind: 'give-back', reason: 'profile-changed' },
    ],
    [
      'a seat held for an entry that exited meanwhile is given back',
      now('ended'),
      'seat',
      { kind: 'give-back', reason: 'overtaken' },
    ],
    [
      'a seat held for an entry that lost consent meanwhile is given back',
      now('awaiting-consent'),
      'seat',
      { kind: 'give-back', reason: 'overtaken' },
    ],
    [
      'a seat held for an entry that moved and exited is given back as overtaken',
      moved('ended'),
      'seat',
      { kind: 'give-back', reason: 'overtaken' },
    ],
    [
      'no free seat for an entry that moved meanwhile records nothing',
      moved('matching'),
      'no-seat',
      { kind: 'overtaken' },
    ],
    [
      'no free seat for an entry that exited meanwhile records nothing',
      now('ended'),
      'no-seat',
      { kind: 'overtaken' },
    ],
    [
      'every offer made, for an entry that exited meanwhile, records nothing',
      now('ended'),
      'no-match',
      { kind: 'overtaken' },
    ],
  ])('%s', (_scenario, current, found, settlement) => {
    expect(settleMatch(matched, current, found)).toEqual(settlement);
  });
});
