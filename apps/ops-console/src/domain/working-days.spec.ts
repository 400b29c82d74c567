import { addWorkingDays, isWorkingDay } from './working-days';

describe('working days (weekends and Dutch public holidays skipped)', () => {
  it.each([
    ['a Wednesday', '2026-11-25T10:00:00Z', true],
    ['a Saturday', '2026-11-28T10:00:00Z', false],
    ['a Sunday', '2026-11-29T10:00:00Z', false],
    ["King's Day", '2026-04-27T10:00:00Z', false],
    ['Christmas Day', '2026-12-25T10:00:00Z', false],
  ])('%s is a working day: %s', (_name, at, expected) => {
    expect(isWorkingDay(new Date(at))).toBe(expected);
  });

  it.each([
    // Mon 23 Nov + 5 working days = Mon 30 Nov (the weekend of 28-29 skipped).
    ['from a Monday', '2026-11-23T09:00:00Z', '2026-11-30T09:00:00Z'],
    // Fri 27 Nov + 5 = Fri 4 Dec.
    ['from a Friday', '2026-11-27T15:30:00Z', '2026-12-04T15:30:00Z'],
    // Wed 23 Dec: 24 (Thu), [25, 26 holidays, 27 Sunday], 28, 29, 30, 31 Dec -> Thu 31 Dec.
    ['across Christmas', '2026-12-23T09:00:00Z', '2026-12-31T09:00:00Z'],
    // Sat 28 Nov: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 Dec.
    ['from a Saturday', '2026-11-28T12:00:00Z', '2026-12-04T12:00:00Z'],
  ])('5 working days %s end at %s + 5', (_name, start, expected) => {
    expect(addWorkingDays(new Date(start), 5).toISOString()).toBe(new Date(expected).toISOString());
  });
});
