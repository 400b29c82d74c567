import {
  IllegalTransition,
  OutcomeNotAllowed,
  OutcomeRequired,
  ReasonRequired,
  REFERRAL_STATUSES,
} from '@samenspel/contracts';
import { assertTransition, checkTransition, type ReferralStatus } from './referral-state-machine';

/** The legal transitions, written out by hand so that the table in the code is checked against it. */
const LEGAL: [ReferralStatus, ReferralStatus][] = [
  ['requested', 'accepted'],
  ['requested', 'rejected'],
  ['accepted', 'in-progress'],
  ['accepted', 'on-hold'],
  ['accepted', 'cancelled'],
  ['accepted', 'completed'],
  ['accepted', 'failed'],
  ['in-progress', 'on-hold'],
  ['in-progress', 'cancelled'],
  ['in-progress', 'completed'],
  ['in-progress', 'failed'],
  ['on-hold', 'in-progress'],
  ['on-hold', 'cancelled'],
  ['on-hold', 'completed'],
  ['on-hold', 'failed'],
];

const isLegal = (from: ReferralStatus, to: ReferralStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const everyPair = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as const));
// 8 statuses × 8 targets = 64 pairs: 15 legal, 49 illegal (self-transitions included).
const illegal = everyPair.filter(([from, to]) => !isLegal(from, to));

/** What a caller must send for a legal move to a target. */
function fullRequest(to: ReferralStatus) {
  if (to === 'completed') return { to, outcome: 'engaged-in-activity' };
  if (to === 'rejected' || to === 'cancelled' || to === 'failed') return { to, reasonCode: 'other' };
  return { to };
}

describe('the referral state machine', () => {
  it('knows 64 pairs, 15 of them legal', () => {
    expect(everyPair).toHaveLength(64);
    expect(illegal).toHaveLength(49);
  });

  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, fullRequest(to))).toEqual({ allowed: true });
  });

  it.each(illegal)('refuses %s → %s as an illegal transition', (from, to) => {
    expect(checkTransition(from, fullRequest(to))).toMatchObject({
      allowed: false,
      code: 'illegal-transition',
    });
  });

  it.each([
    ['requested', 'rejected'],
    ['accepted', 'cancelled'],
    ['in-progress', 'failed'],
    ['on-hold', 'cancelled'],
  ] as [ReferralStatus, ReferralStatus][])('refuses %s → %s without a reason code', (from, to) => {
    expect(checkTransition(from, { to })).toMatchObject({ allowed: false, code: 'reason-required' });
  });

  it.each(['accepted', 'in-progress', 'on-hold'] as ReferralStatus[])(
    'refuses completing from %s without a known outcome',
    (from) => {
      expect(checkTransition(from, { to: 'completed' })).toMatchObject({ code: 'outcome-required' });
      expect(checkTransition(from, { to: 'completed', outcome: 'happy' })).toMatchObject({
        code: 'outcome-required',
      });
    },
  );

  it('refuses an outcome on a move other than completing', () => {
    expect(checkTransition('accepted', { to: 'in-progress', outcome: 'declined' })).toMatchObject({
      code: 'outcome-not-allowed',
    });
  });

  it.each([
    ['an illegal move', 'requested', { to: 'completed', outcome: 'engaged-in-activity' }, IllegalTransition],
    ['a reject without a reason', 'requested', { to: 'rejected' }, ReasonRequired],
    ['completing without an outcome', 'accepted', { to: 'completed' }, OutcomeRequired],
    ['an outcome on another move', 'accepted', { to: 'in-progress', outcome: 'declined' }, OutcomeNotAllowed],
  ] as const)('throws %s as its domain error, with the verdict as detail', (_what, from, request, type) => {
    const verdict = checkTransition(from, request);
    expect(() => assertTransition(from, request)).toThrow(type);
    expect(() => assertTransition(from, request)).toThrow(
      expect.objectContaining({ code: (verdict as { code: string }).code }),
    );
    expect(() => assertTransition(from, request)).toThrow((verdict as { detail: string }).detail);
  });

  it('names the current and the requested status of an illegal move', () => {
    expect(() => assertTransition('completed', { to: 'accepted' })).toThrow(
      expect.objectContaining({ extensions: { currentStatus: 'completed', requestedStatus: 'accepted' } }),
    );
  });

  it.each(LEGAL)('lets %s → %s pass', (from, to) => {
    expect(() => assertTransition(from, fullRequest(to))).not.toThrow();
  });
});
