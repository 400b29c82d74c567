import { dutchPublicHolidays, easterSunday } from './dutch-public-holidays';

describe('Easter Sunday (Gregorian)', () => {
  it.each([
    [1818, '1818-03-22', 'the earliest possible date'],
    [1943, '1943-04-25', 'the latest possible date'],
    [2000, '2000-04-23', 'a century year divisible by 400'],
    [2008, '2008-03-23', 'an early Easter'],
    [2019, '2019-04-21', 'a late Easter'],
    [2024, '2024-03-31', 'the last day of March'],
    [2025, '2025-04-20', 'in April'],
    [2026, '2026-04-05', 'in April'],
    [2038, '2038-04-25', 'the latest possible date again'],
    [2100, '2100-03-28', 'a century year not divisible by 400'],
    [2285, '2285-03-22', 'the earliest possible date again'],
  ])('in %i is %s (%s)', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('Dutch public holidays', () => {
  it.each([
    [
      2026,
      [
        '2026-01-01',
        '2026-04-05',
        '2026-04-06',
        '2026-04-27',
        '2026-05-14',
        '2026-05-24',
        '2026-05-25',
        '2026-12-25',
        '2026-12-26',
      ],
      'Koningsdag on Monday 27 April',
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-04-20',
        '2025-04-21',
        '2025-04-26',
        '2025-05-29',
        '2025-06-08',
        '2025-06-09',
        '2025-12-25',
        '2025-12-26',
      ],
      'Koningsdag on Saturday 26 April, the 27th being a Sunday',
    ],
    [
      2014,
      [
        '2014-01-01',
        '2014-04-20',
        '2014-04-21',
        '2014-04-26',
        '2014-05-29',
        '2014-06-08',
        '2014-06-09',
        '2014-12-25',
        '2014-12-26',
      ],
      'the first Koningsdag, on Saturday 26 April',
    ],
    [
      2013,
      [
        '2013-01-01',
        '2013-03-31',
        '2013-04-01',
        '2013-04-30',
        '2013-05-09',
        '2013-05-19',
        '2013-05-20',
        '2013-12-25',
        '2013-12-26',
      ],
      'the last Koninginnedag, on 30 April',
    ],
    [
      2006,
      [
        '2006-01-01',
        '2006-04-16',
        '2006-04-17',
        '2006-04-29',
        '2006-05-25',
        '2006-06-04',
        '2006-06-05',
        '2006-12-25',
        '2006-12-26',
      ],
      'Koninginnedag on Saturday 29 April, the 30th being a Sunday',
    ],
    [
      1978,
      [
        '1978-01-01',
        '1978-03-26',
        '1978-03-27',
        '1978-05-01',
        '1978-05-04',
        '1978-05-14',
        '1978-05-15',
        '1978-12-25',
        '1978-12-26',
      ],
      'Koninginnedag on Monday 1 May, the 30th being a Sunday',
    ],
    [
      1900,
      [
        '1900-01-01',
        '1900-04-15',
        '1900-04-16',
        '1900-05-24',
        '1900-06-03',
        '1900-06-04',
        '1900-08-31',
        '1900-12-25',
        '1900-12-26',
      ],
      'Koninginnedag on 31 August',
    ],
  ])('in %i: %j (%s)', (year, expected) => {
    expect(dutchPublicHolidays(year)).toEqual(expected);
  });

  it('leaves out Good Friday and Liberation Day', () => {
    expect(dutchPublicHolidays(2026)).not.toContain('2026-04-03');
    expect(dutchPublicHolidays(2025)).not.toContain('2025-05-05');
  });
});
