import {
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
