import {
  addWorkingDays,
  addWorkingDaysToDate,
  amsterdamDate,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

describe('Dutch working days', () => {
  it.each([
    // [date, working?, why]
    ['2026-04-27', false, 'Koningsdag on a Monday'],
    ['2025-04-26', false, 'Koningsdag moved to Saturday 26 April because the 27th is a Sunday'],
    ['2025-04-28', true, 'the Monday after a Sunday 27 April is an ordinary working day'],
    ['2027-04-27', false, 'Koningsdag on a Tuesday'],
    ['2026-12-25', false, 'Christmas'],
    ['2026-12-24', true, 'Christmas Eve'],
    ['2025-12-26', false, 'Boxing Day (Tweede kerstdag)'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-03', true, 'Good Friday is not a public holiday'],
    ['2026-05-14', false, 'Ascension Day'],
    ['2026-05-25', false, 'Whit Monday'],
    ['2026-05-05', true, 'Liberation Day is a working day in most years'],
    ['2027-01-01', false, "New Year's Day"],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-11-30', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it.each([
    // [from, n, expected, how]
    ['2026-04-24', 1, '2026-04-28', 'Fri + 1: Monday 27 April is Koningsdag, so Tuesday'],
    ['2026-04-22', 3, '2026-04-28', 'Wed + 3: Thu, Fri, (Koningsdag), Tue'],
    ['2025-04-25', 1, '2025-04-28', 'Fri + 1 when Koningsdag falls on Saturday 26 April: Monday'],
    ['2026-12-24', 1, '2026-12-28', 'Thu 24 Dec + 1: Christmas Friday, weekend, so Monday 28'],
    ['2025-12-24', 1, '2025-12-29', 'Wed 24 Dec + 1: Christmas Thu and Fri, weekend, so Monday 29'],
    ['2026-12-31', 1, '2027-01-04', "Thu 31 Dec + 1: New Year's Day Friday, weekend, so Monday 4 Jan"],
    ['2026-04-02', 2, '2026-04-07', 'Thu + 2: Good Friday counts, Easter Monday does not'],
    ['2026-05-13', 1, '2026-05-15', 'Wed + 1 skips Ascension Thursday'],
    ['2026-05-22', 1, '2026-05-26', 'Fri + 1 skips Whit Monday'],
    ['2026-11-28', 1, '2026-11-30', 'Sat + 1 is the Monday'],
    ['2026-11-25', 0, '2026-11-25', 'plus zero is the day itself'],
    ['2026-11-23', 5, '2026-11-30', 'Mon + 5 working days is the next Monday'],
  ])('%s plus %i working days is %s (%s)', (from, n, expected) => {
    expect(addWorkingDaysToDate(from, n)).toBe(expected);
  });

  it('keeps the Amsterdam wall-clock time across the change to summer time', () => {
    // Friday 27 March 2026 10:00 CET is 09:00Z; the clocks go forward on Sunday 29 March, so
    // Monday 30 March 10:00 CEST is 08:00Z.
    expect(addWorkingDays(new Date('2026-03-27T09:00:00Z'), 1).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('counts on the Amsterdam calendar: 23:30Z on Friday is already Saturday in Amsterdam', () => {
    // Sat 00:30 CET + 1 working day → Monday 00:30 CET = Sunday 23:30Z.
    expect(addWorkingDays(new Date('2026-11-27T23:30:00Z'), 1).toISOString()).toBe(
      '2026-11-29T23:30:00.000Z',
    );
  });

  // Amsterdam is one hour ahead of UTC in winter and two in summer: between its midnight and
  // 01:00 (02:00 in summer) the UTC date is still the day before. Each row is one instant, the
  // Amsterdam day it falls on, whether that day is a working day, and the same wall-clock time one
  // working day later.
  it.each([
    // [instant, Amsterdam wall clock, Amsterdam date, working?, + 1 working day]
    ['2026-04-24T21:30:00Z', 'Fri 24 April 23:30 CEST', '2026-04-24', true, '2026-04-28T21:30:00.000Z'],
    ['2026-04-24T22:30:00Z', 'Sat 25 April 00:30 CEST', '2026-04-25', false, '2026-04-27T22:30:00.000Z'],
    ['2026-04-26T21:30:00Z', 'Sun 26 April 23:30 CEST', '2026-04-26', false, '2026-04-28T21:30:00.000Z'],
    [
      '2026-04-26T22:30:00Z',
      'Mon 27 April (Koningsdag) 00:30 CEST',
      '2026-04-27',
      false,
      '2026-04-27T22:30:00.000Z',
    ],
    [
      '2026-04-27T21:30:00Z',
      'Mon 27 April (Koningsdag) 23:30 CEST',
      '2026-04-27',
      false,
      '2026-04-28T21:30:00.000Z',
    ],
    ['2026-04-27T22:30:00Z', 'Tue 28 April 00:30 CEST', '2026-04-28', true, '2026-04-28T22:30:00.000Z'],
    ['2026-12-24T22:30:00Z', 'Thu 24 December 23:30 CET', '2026-12-24', true, '2026-12-28T22:30:00.000Z'],
    [
      '2026-12-24T23:30:00Z',
      'Fri 25 December (Christmas) 00:30 CET',
      '2026-12-25',
      false,
      '2026-12-27T23:30:00.000Z',
    ],
    ['2026-12-27T22:30:00Z', 'Sun 27 December 23:30 CET', '2026-12-27', false, '2026-12-28T22:30:00.000Z'],
    ['2026-12-27T23:30:00Z', 'Mon 28 December 00:30 CET', '2026-12-28', true, '2026-12-28T23:30:00.000Z'],
    // The clocks go forward on the last Sunday of March and back on the last Sunday of October, both
    // at 01:00Z; an instant in the hour that repeats in October keeps its wall-clock time.
    ['2026-03-27T01:30:00Z', 'Fri 27 March 02:30 CET', '2026-03-27', true, '2026-03-30T00:30:00.000Z'],
    [
      '2026-03-29T00:59:59Z',
      'Sun 29 March 01:59:59 CET, the last second of winter time',
      '2026-03-29',
      false,
      '2026-03-29T23:59:59.000Z',
    ],
    [
      '2026-03-29T01:00:00Z',
      'Sun 29 March 03:00 CEST, the first moment of summer time',
      '2026-03-29',
      false,
      '2026-03-30T01:00:00.000Z',
    ],
    ['2026-03-29T22:30:00Z', 'Mon 30 March 00:30 CEST', '2026-03-30', true, '2026-03-30T22:30:00.000Z'],
    ['2026-10-23T22:30:00Z', 'Sat 24 October 00:30 CEST', '2026-10-24', false, '2026-10-25T23:30:00.000Z'],
    [
      '2026-10-25T00:30:00Z',
      'Sun 25 October 02:30 CEST, the first 02:30',
      '2026-10-25',
      false,
      '2026-10-26T01:30:00.000Z',
    ],
    [
      '2026-10-25T01:30:00Z',
      'Sun 25 October 02:30 CET, the second 02:30',
      '2026-10-25',
      false,
      '2026-10-26T01:30:00.000Z',
    ],
    ['2026-10-25T23:30:00Z', 'Mon 26 October 00:30 CET', '2026-10-26', true, '2026-10-26T23:30:00.000Z'],
    [
      '2027-03-25T23:30:00Z',
      'Fri 26 March 00:30 CET, before Easter',
      '2027-03-26',
      true,
      '2027-03-29T22:30:00.000Z',
    ],
    [
      '2027-03-28T01:00:00Z',
      'Sun 28 March (Easter) 03:00 CEST, summer time begins',
      '2027-03-28',
      false,
      '2027-03-30T01:00:00.000Z',
    ],
    [
      '2027-03-28T22:30:00Z',
      'Mon 29 March (Easter Monday) 00:30 CEST',
      '2027-03-29',
      false,
      '2027-03-29T22:30:00.000Z',
    ],
  ])(
    '%s is %s: day %s, working %s; one working day later is %s',
    (instant, _local, date, working, plusOne) => {
      const at = new Date(instant);
      expect(amsterdamDate(at)).toBe(date);
      expect(isWorkingDay(amsterdamDate(at))).toBe(working);
      expect(addWorkingDays(at, 1).toISOString()).toBe(plusOne);
    },
  );

  it('counts the working days between two moments, skipping Koningsdag', () => {
    // After Fri 24 April 2026 up to Wed 29: Mon 27 (holiday) no, Tue 28 yes, Wed 29 yes.
    expect(workingDaysBetween(new Date('2026-04-24T10:00:00Z'), new Date('2026-04-29T10:00:00Z'))).toBe(2);
  });

  it('counts working days between two moments by their Amsterdam days, around midnight', () => {
    // Fri 24 April 23:30 CEST to Tue 28 April 00:30 CEST: Sat, Sun, Mon 27 (Koningsdag) no, Tue 28 yes.
    expect(workingDaysBetween(new Date('2026-04-24T21:30:00Z'), new Date('2026-04-27T22:30:00Z'))).toBe(1);
    // Up to Mon 27 April 23:30 CEST, still Koningsdag: none.
    expect(workingDaysBetween(new Date('2026-04-24T21:30:00Z'), new Date('2026-04-27T21:30:00Z'))).toBe(0);
  });
});

describe('working days of instants (weekends and Dutch public holidays skipped)', () => {
  it.each([
    ['a Wednesday', '2026-11-25T10:00:00Z', true],
    ['a Saturday', '2026-11-28T10:00:00Z', false],
    ['a Sunday', '2026-11-29T10:00:00Z', false],
    ["King's Day", '2026-04-27T10:00:00Z', false],
    ['Christmas Day', '2026-12-25T10:00:00Z', false],
  ])('%s is a working day: %s', (_name, at, expected) => {
    expect(isWorkingDay(amsterdamDate(new Date(at)))).toBe(expected);
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
