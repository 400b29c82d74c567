import {
  handoverDeadline,
  isDeadLetterStuck,
  isHandoverStuck,
  isOfferTaskStuck,
  isWaitlistEntryStuck,
  type StuckThresholds,
} from './stuck-rules';

const t: StuckThresholds = {
  waitlistNoOfferSeconds: 60,
  taskGraceSeconds: 0,
  handoverWorkingDays: 5,
  deadLetterSeconds: 0,
};
const at = (iso: string) => new Date(iso);
const now = at('2026-11-27T12:00:00Z'); // a Friday

describe('stuck-flow rule: waitlist entry with consent and no offer or queue state', () => {
  const entry = {
    consent: true,
    enteredAt: at('2026-11-27T11:59:00Z'),
    offeredAt: null,
    queuedAt: null,
    closedAt: null,
  };
  it.each([
    ['exactly one minute without an answer', entry, true],
    ['59 seconds: not yet', { ...entry, enteredAt: at('2026-11-27T11:59:01Z') }, false],
    ['no consent', { ...entry, consent: false }, false],
    ['an offer was made', { ...entry, offeredAt: now }, false],
    ['queued', { ...entry, queuedAt: now }, false],
    ['exited the waiting list', { ...entry, closedAt: now }, false],
  ])('%s -> stuck: %s', (_name, e, expected) => {
    expect(isWaitlistEntryStuck(e, now, t)).toBe(expected);
  });
});

describe('stuck-flow rule: offer task unclaimed past its due date', () => {
  const task = {
    taskType: 'bridging-offer',
    offerId: 'offer-1',
    dueAt: at('2026-11-27T11:59:59Z'),
    claimedAt: null,
    closedAt: null,
  };
  it.each([
    ['one second past due', task, true],
    ['due exactly now', { ...task, dueAt: now }, false],
    ['claimed', { ...task, claimedAt: now }, false],
    ['completed or cancelled', { ...task, closedAt: now }, false],
    ['a follow-up task, not an offer', { ...task, taskType: 'follow-up', offerId: null }, false],
  ])('%s -> stuck: %s', (_name, task, expected) => {
    expect(isOfferTaskStuck(task, now, t)).toBe(expected);
  });
});

describe('stuck-flow rule: handover without first contact after 5 working days', () => {
  // Handed over Fri 20 Nov 12:00; 5 working days later is Fri 27 Nov 12:00.
  const handover = { handedOverAt: at('2026-11-20T12:00:00Z'), firstContactAt: null, closedAt: null };
  it.each([
    ['at the deadline: not yet', now, false],
    ['a second after the deadline', at('2026-11-27T12:00:01Z'), true],
    ['Thursday, 4 working days', at('2026-11-26T13:00:00Z'), false],
  ])('%s -> stuck: %s', (_name, when, expected) => {
    expect(isHandoverStuck(handover, when, t)).toBe(expected);
  });
  it('is not stuck once first contact was made', () => {
    expect(isHandoverStuck({ ...handover, firstContactAt: now }, at('2026-12-10T00:00:00Z'), t)).toBe(false);
  });
});

describe('stuck-flow rule: the handover deadline is counted on the Amsterdam calendar', () => {
  it.each([
    // Fri 24 April 2026 23:30 CEST: Mon 27 (Koningsdag) skipped; Tue 28, Wed 29, Thu 30, Fri 1 May,
    // Mon 4 May, at 23:30 CEST.
    ['handed over on Friday 23:30 in Amsterdam', '2026-04-24T21:30:00Z', '2026-05-04T21:30:00.000Z'],
    // An hour later it is Saturday 25 April 00:30 CEST in Amsterdam (still Friday in UTC): the same
    // five working days end on Mon 4 May 00:30 CEST, Sunday 22:30 in UTC.
    ['handed over on Saturday 00:30 in Amsterdam', '2026-04-24T22:30:00Z', '2026-05-03T22:30:00.000Z'],
    // Fri 27 March 10:00 CET; the clocks go forward on Sunday 29 March. Mon 30, Tue 31, Wed 1,
    // Thu 2, Fri 3 April (Good Friday is a working day) at 10:00 CEST.
    ['handed over before the change to summer time', '2026-03-27T09:00:00Z', '2026-04-03T08:00:00.000Z'],
  ])('%s (%s): due by %s', (_name, handedOverAt, deadline) => {
    expect(handoverDeadline(at(handedOverAt), t).toISOString()).toBe(deadline);
  });

  // Handed over on Saturday 25 April 00:30 CEST: the deadline is Mon 4 May 00:30 CEST.
  const handover = { handedOverAt: at('2026-04-24T22:30:00Z'), firstContactAt: null, closedAt: null };
  it.each([
    ['Friday 1 May 23:30 CEST, 4 working days', at('2026-05-01T21:30:00Z'), false],
    ['at the deadline, Monday 4 May 00:30 CEST: not yet', at('2026-05-03T22:30:00Z'), false],
    ['a second after the deadline', at('2026-05-03T22:30:01Z'), true],
  ])('%s -> stuck: %s', (_name, when, expected) => {
    expect(isHandoverStuck(handover, when, t)).toBe(expected);
  });
});

describe('stuck-flow rule: dead letter nobody handled', () => {
  it.each([
    ['open', 'open', true],
    ['replayed', 'replayed', false],
    ['resolved', 'resolved', false],
  ])('%s -> stuck: %s', (_name, status, expected) => {
    expect(isDeadLetterStuck({ status, receivedAt: now }, now, t)).toBe(expected);
  });
  it('waits for the threshold when one is set', () => {
    const d = { status: 'open', receivedAt: at('2026-11-27T11:59:30Z') };
    expect(isDeadLetterStuck(d, now, { ...t, deadLetterSeconds: 60 })).toBe(false);
  });
});
