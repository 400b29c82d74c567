import { addWorkingDays } from '@samenspel/calendar';
import {
  bridgingOfferDueAt,
  DEFAULT_DUE_DATE_RULES,
  escalationAt,
  priorityFor,
  warmHandoverDueAt,
} from './due-dates';

describe('due dates of tasks', () => {
  const wednesday22April = new Date('2026-04-22T08:00:00Z'); // 10:00 in Amsterdam

  it('gives a bridging offer three working days, skipping Koningsdag', () => {
    // Thu 23, Fri 24, (Mon 27 Koningsdag), Tue 28 April at 10:00 CEST.
    const farExpiry = new Date('2026-06-01T00:00:00Z');
    expect(bridgingOfferDueAt(wednesday22April, farExpiry, DEFAULT_DUE_DATE_RULES).toISOString()).toBe(
      '2026-04-28T08:00:00.000Z',
    );
  });

  it('makes a bridging offer due at its expiry when that comes first', () => {
    const expiresFriday = new Date('2026-04-24T15:00:00Z');
    expect(bridgingOfferDueAt(wednesday22April, expiresFriday, DEFAULT_DUE_DATE_RULES)).toEqual(
      expiresFriday,
    );
  });

  it('gives a handover intake five working days over Christmas', () => {
    // From Tue 22 Dec 2026: Wed 23, Thu 24, (Fri 25, weekend), Mon 28, Tue 29, Wed 30.
    const from = new Date('2026-12-22T09:00:00Z');
    expect(addWorkingDays(from, DEFAULT_DUE_DATE_RULES.handoverIntakeWorkingDays).toISOString()).toBe(
      '2026-12-30T09:00:00.000Z',
    );
  });

  it.each([
    ['2026-05-01T10:00:00Z', '2026-05-01T10:00:00.000Z', 'a meeting ahead is due at the meeting'],
    ['2026-04-01T10:00:00Z', '2026-04-22T08:00:00.000Z', 'a meeting in the past is due now'],
  ])('warm handover proposed at %s is due at %s (%s)', (proposedAt, expected) => {
    expect(warmHandoverDueAt(wednesday22April, new Date(proposedAt)).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-04-23T08:00:00Z', false, 'high', 'due the next working day'],
    ['2026-04-28T08:00:00Z', false, 'normal', 'three working days ahead'],
    ['2026-04-28T08:00:00Z', true, 'high', 'escalated'],
  ])('a task due %s (escalated %s) has priority %s (%s)', (dueAt, escalated, expected) => {
    expect(priorityFor(wednesday22April, new Date(dueAt), escalated)).toBe(expected);
  });

  it.each([
    [0, '2026-04-24T08:00:00.000Z', 'at once'],
    [1, '2026-04-28T08:00:00.000Z', 'one working day later, skipping Koningsdag'],
    [2, '2026-04-29T08:00:00.000Z', 'two working days later'],
  ])('escalates %i working days after the due date at %s (%s)', (n, expected) => {
    expect(escalationAt(new Date('2026-04-24T08:00:00Z'), n).toISOString()).toBe(expected);
  });
});
