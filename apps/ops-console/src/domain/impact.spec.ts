import {
  impactCsv,
  impactRow,
  impactRows,
  medianDays,
  medianWeeks,
  monthOf,
  participatingAt,
  participationDue,
  suppress,
  withWeeksBands,
  type FirstOfferLatencies,
  type MonthlyCounters,
} from './impact';

describe('impact figures', () => {
  it.each([
    [4, null],
    [5, 5],
    [0, null],
    [undefined, null],
  ])('suppresses a count of %s to %s (minimum 5)', (count, expected) => {
    expect(suppress(count, 5)).toBe(expected);
  });

  it('gives the median time to the first offer in days, with one decimal', () => {
    // Six first offers after 1, 2, 3, 4, 5 and 6 days: the median is between the 3rd and 4th, 3.5 days
    // = 302,400 s; the store computes that median (percentile_cont), this turns it into days.
    expect(medianDays({ count: 6, medianSeconds: 302400 }, 5)).toBe(3.5);
    // 2 h 24 min = 0.1 day.
    expect(medianDays({ count: 5, medianSeconds: 8640 }, 5)).toBe(0.1);
  });

  it('suppresses the median when fewer than the minimum cell of first offers are behind it', () => {
    expect(medianDays({ count: 4, medianSeconds: 302400 }, 5)).toBeNull();
    expect(medianDays(undefined, 5)).toBeNull();
  });

  it('shows a share only when both of its counts are shown', () => {
    const row = impactRow(
      'GM0344',
      '2026-11',
      { offers: 10, offers_accepted: 6, handovers: 12, handovers_first_contact_5wd: null, bridged_exits: 8 },
      5,
    );
    expect(row.tijdens).toMatchObject({ offers: 10, offersAccepted: 6, acceptedShare: 0.6 });
    expect(row.tijdens).toMatchObject({
      bridgedExits: 8,
      careNoLongerNeeded: null,
      careNoLongerNeededShare: null,
    });
    expect(row.na).toMatchObject({
      handovers: 12,
      firstContactWithin5WorkingDays: null,
      firstContactShare: null,
    });
  });

  it('shows no median when its first offers are hidden', () => {
    const latencies = { count: 6, medianSeconds: 302400 };
    expect(
      impactRow('GM0344', '2026-11', { first_offers: 6 }, 5, latencies).tijdens.medianDaysToFirstOffer,
    ).toBe(3.5);
    expect(
      impactRow('GM0344', '2026-11', { first_offers: null }, 5, latencies).tijdens.medianDaysToFirstOffer,
    ).toBeNull();
  });

  it('writes suppressed cells as empty CSV fields, and on every line the time the figures are as of', () => {
    const row = impactRow('GM0344', '2026-11', { offers: 6, offers_accepted: null }, 5);
    const csv = impactCsv([row], new Date('2026-12-01T08:00:00Z'));
    const [header, line] = csv.trim().split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((h, i) => [h, line.split(',')[i]]));
    expect(cells).toMatchObject({
      municipality_code: '"GM0344"',
      period: '"2026-11"',
      tijdens_offers: '"6"',
      tijdens_offers_accepted: '',
      tijdens_accepted_share: '',
      as_of: '"2026-12-01T08:00:00.000Z"',
    });
  });
});

describe('impact per month, quarter and year', () => {
  // GM0344's prevention in the fourth quarter: October 7, November 3, December 9 bridged exits;
  // 6, 0 and 5 of them care no longer needed.
  const months: MonthlyCounters[] = [
    { municipality: 'GM0344', month: '2026-10', counters: { bridged_exits: 7, care_no_longer_needed: 6 } },
    { municipality: 'GM0344', month: '2026-11', counters: { bridged_exits: 3 } },
    { municipality: 'GM0344', month: '2026-12', counters: { bridged_exits: 9, care_no_longer_needed: 5 } },
    { municipality: 'GM0307', month: '2026-11', counters: { bridged_exits: 12, care_no_longer_needed: 4 } },
  ];
  const none = new Map<string, FirstOfferLatencies>();

  it('adds the months of a quarter up', () => {
    const [q4] = impactRows(months, '2026-Q4', none, 5).filter((r) => r.municipalityCode === 'GM0344');
    // 7 + 3 + 9 = 19 bridged exits, 6 + 0 + 5 = 11 of them care no longer needed: 11 / 19 = 0.579.
    expect(q4.tijdens).toMatchObject({
      bridgedExits: 19,
      careNoLongerNeeded: 11,
      careNoLongerNeededShare: 0.579,
    });
  });

  it('hides a second month so that a hidden one cannot be worked out from the quarter', () => {
    const rows = impactRows(months, undefined, none, 5).filter((r) => r.municipalityCode === 'GM0344');
    const exits = Object.fromEntries(rows.map((r) => [r.period, r.tijdens.bridgedExits]));
    // November (3) is hidden; shown with October (7) and December (9) it would be 19 - 7 - 9 = 3.
    // October, the smallest shown month, is hidden as well.
    expect(exits).toEqual({ '2026-10': null, '2026-11': null, '2026-12': 9 });
    // Care no longer needed: November's 0 is hidden, so October (6) or December (5) goes too: December.
    const prevented = Object.fromEntries(rows.map((r) => [r.period, r.tijdens.careNoLongerNeeded]));
    expect(prevented).toEqual({ '2026-10': 6, '2026-11': null, '2026-12': null });
    // Asked per month, the same hidden cells: each month's row is the row of the whole listing.
    expect(impactRows(months, '2026-10', none, 5).find((r) => r.municipalityCode === 'GM0344')).toEqual(
      rows.find((r) => r.period === '2026-10'),
    );
  });

  it('hides a quarter that the year and the other quarters would reveal', () => {
    // GM0307 has figures in one quarter only: the year equals Q4, and Q1-Q3 are hidden zeros.
    const [year] = impactRows(months, '2026', none, 5).filter((r) => r.municipalityCode === 'GM0307');
    expect(year.tijdens).toMatchObject({ bridgedExits: 12, careNoLongerNeeded: null });
  });

  it('gives one row per municipality and month with figures, newest first', () => {
    const rows = impactRows(months, undefined, none, 5);
    expect(rows.map((r) => `${r.municipalityCode} ${r.period}`)).toEqual([
      'GM0344 2026-12',
      'GM0307 2026-11',
      'GM0344 2026-11',
      'GM0344 2026-10',
    ]);
  });
});

describe('the month of an instant, in Dutch time', () => {
  it.each([
    ['2026-10-31T22:59:59Z', '2026-10', 'CET (+01:00): 23:59:59 on 31 October'],
    ['2026-10-31T23:00:00Z', '2026-11', 'CET: midnight of 1 November'],
    ['2026-06-30T21:59:59Z', '2026-06', 'CEST (+02:00): 23:59:59 on 30 June'],
    ['2026-06-30T22:00:00Z', '2026-07', 'CEST: midnight of 1 July, still June in UTC'],
    ['2026-12-31T23:30:00Z', '2027-01', 'New Year in Amsterdam, New Year’s Eve in UTC'],
    ['2026-12-31T20:59:59Z', '2026-12', 'New Year’s Eve, before the last hours of the UTC month'],
    ['2026-12-31T21:00:00Z', '2026-12', 'New Year’s Eve, in the last hours of the UTC month'],
    ['2027-01-01T00:00:00Z', '2027-01', 'New Year in UTC'],
    ['2026-03-29T00:59:59Z', '2026-03', 'the last moment of CET in March'],
    ['2026-03-29T01:00:00Z', '2026-03', 'the first moment of CEST'],
    ['2026-03-31T21:59:59Z', '2026-03', 'CEST: 23:59:59 on 31 March'],
    ['2026-03-31T22:00:00Z', '2026-04', 'CEST: midnight of 1 April, still March in UTC'],
    ['2026-10-25T00:59:59Z', '2026-10', 'the last moment of CEST in October'],
    ['2026-10-25T01:00:00Z', '2026-10', 'the first moment of CET again'],
    ['2028-02-29T22:59:59Z', '2028-02', 'CET: 23:59:59 on 29 February of a leap year'],
    ['2028-02-29T23:00:00Z', '2028-03', 'CET: midnight of 1 March of a leap year'],
    ['2027-02-28T23:00:00Z', '2027-03', 'CET: midnight of 1 March'],
    ['1999-09-30T21:59:59Z', '1999-09', 'CEST in the last century'],
    ['1999-09-30T22:00:00Z', '1999-10', 'CEST: midnight of 1 October 1999'],
    ['2100-01-15T12:00:00Z', '2100-01', 'the middle of a month'],
  ])('counts %s in %s (%s)', (at, month) => {
    expect(monthOf(new Date(at))).toBe(month);
  });

  it('gives what the time zone gives, hour by hour around every month end from 1900 to 2100', () => {
    const zone = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
      month: '2-digit',
    });
    const fromZone = (at: Date) => {
      const parts = zone.formatToParts(at);
      return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
    };
    const differing: string[] = [];
    let instants = 0;
    for (let year = 1900; year <= 2100; year += 1) {
      for (let month = 0; month < 12; month += 1) {
        const end = Date.UTC(year, month + 1);
        for (let minutes = -6 * 60; minutes <= 60; minutes += 20) {
          const at = new Date(end + minutes * 60_000 - 1);
          instants += 1;
          if (monthOf(at) !== fromZone(at)) differing.push(at.toISOString());
        }
      }
    }
    expect(instants).toBeGreaterThan(2400 * 20);
    expect(differing).toEqual([]);
  });

  it('gives what the time zone gives for years of other than four digits (local mean time then), and refuses an invalid date', () => {
    expect(monthOf(new Date('0999-12-31T23:50:00Z'))).toBe('1000-01');
    expect(monthOf(new Date('+010000-06-15T12:00:00Z'))).toBe('10000-06');
    expect(() => monthOf(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('weeks bridged', () => {
  it.each<[string, Record<string, number>, number | null]>([
    ['none', {}, null],
    ['one bridging of 6 weeks', { weeks_bridged_at_6: 1 }, 6],
    // 2, 2, 5, 9: the mean of the two middle ones, (2 + 5) / 2.
    ['an even number', { weeks_bridged_at_2: 2, weeks_bridged_at_5: 1, weeks_bridged_at_9: 1 }, 3.5],
    // 1, 4, 4, 4, 20: the third.
    ['an odd number', { weeks_bridged_at_1: 1, weeks_bridged_at_4: 3, weeks_bridged_at_20: 1 }, 4],
  ])('gives the median of %s as %s', (_scenario, counters, median) => {
    expect(medianWeeks([counters])).toBe(median);
  });

  it('adds up the weeks in bands', () => {
    expect(
      withWeeksBands({
        weeks_bridged_at_0: 1,
        weeks_bridged_at_3: 2,
        weeks_bridged_at_8: 4,
        weeks_bridged_at_30: 1,
      }),
    ).toMatchObject({
      weeks_bridged_0_3: 3,
      weeks_bridged_4_7: 0,
      weeks_bridged_8_11: 4,
      weeks_bridged_12_plus: 1,
    });
  });

  it('needs to hide no further band when two bands are under 5', () => {
    // 14 bridgings: 6 of 2 weeks, 3 of 5, 5 of 9. The 4-7 band (3) and the 12+ band (0) are
    // under 5: two hidden bands, of which only the sum (14 - 6 - 5 = 3) can be worked out.
    const counters = {
      weeks_bridged: 14,
      weeks_bridged_at_2: 6,
      weeks_bridged_at_5: 3,
      weeks_bridged_at_9: 5,
    };
    const [row] = impactRows(
      [{ municipality: 'GM0344', month: '2026-11', counters }],
      '2026-11',
      new Map(),
      5,
    );
    expect(row.tijdens.weeksBridged).toEqual({
      count: 14,
      median: 5,
      bands: { '0-3': 6, '4-7': null, '8-11': 5, '12+': null },
    });
  });

  it('hides the smallest shown band when exactly one band is hidden', () => {
    // 20 bridgings: 6, 3, 5 and 6 in the four bands. 4-7 (3) alone is hidden, so 8-11 (5) goes too.
    const counters = {
      weeks_bridged: 20,
      weeks_bridged_at_1: 6,
      weeks_bridged_at_6: 3,
      weeks_bridged_at_10: 5,
      weeks_bridged_at_15: 6,
    };
    const [row] = impactRows(
      [{ municipality: 'GM0344', month: '2026-11', counters }],
      '2026-11',
      new Map(),
      5,
    );
    expect(row.tijdens.weeksBridged.bands).toEqual({ '0-3': 6, '4-7': null, '8-11': null, '12+': 6 });
  });
});

describe('the moments of a row', () => {
  it('gives the median days to care accepting a referral only with its count shown', () => {
    // Six acceptances, median 3.5 days (302,400 s).
    const acceptances = { count: 6, medianSeconds: 302400 };
    const shown = impactRow(
      'GM0344',
      '2026-11',
      { referrals_to_care_accepted: 6 },
      5,
      undefined,
      null,
      undefined,
      acceptances,
    );
    expect(shown.voor.medianDaysToAcceptance).toBe(3.5);
    const hidden = impactRow(
      'GM0344',
      '2026-11',
      { referrals_to_care_accepted: null },
      5,
      undefined,
      null,
      undefined,
      acceptances,
    );
    expect(hidden.voor.medianDaysToAcceptance).toBeNull();
  });

  it('puts each measure under its moment', () => {
    const row = impactRow(
      'GM0344',
      '2026-11',
      { referrals_to_care: 9, referrals_to_care_accepted: 6, parallel_referrals: 7, handovers: 8 },
      5,
    );
    expect(row.voor).toEqual({
      referralsToCare: 9,
      referralsToCareAccepted: 6,
      medianDaysToAcceptance: null,
    });
    expect(row.tijdens.parallelReferrals).toBe(7);
    expect(row.na.handovers).toBe(8);
  });

  it('gives each follow-up step its steps done, done on time and that share', () => {
    const row = impactRow(
      'GM0344',
      '2026-11',
      { 'follow_up_first-contact': 8, 'follow_up_first-contact_on_time': 6, 'follow_up_check-in-2w': 5 },
      5,
    );
    expect(row.na.followUps).toEqual({
      'first-contact': { done: 8, onTime: 6, onTimeShare: 0.75 },
      'check-in-2w': { done: 5, onTime: null, onTimeShare: null },
      'check-in-3m': { done: null, onTime: null, onTimeShare: null },
    });
  });
});

describe('participation at 4, 8 and 12 weeks', () => {
  const start = new Date('2026-09-07T10:00:00Z');

  it.each([
    ['2026-10-04', 4, false, '4 weeks after 7 September is 5 October, 10:00'],
    ['2026-10-05', 4, true, 'a session on that day counts'],
    ['2026-11-02', 8, true, '8 weeks'],
    ['2026-11-29', 12, false, 'a day short of 12 weeks'],
  ])('counts a present session on %s at %s weeks: %s (%s)', (sessionDate, weeks, expected) => {
    expect(participatingAt(start, weeks, sessionDate)).toBe(expected);
  });

  it.each([
    [
      '2026-09',
      4,
      '2026-10-29T00:00:00Z',
      false,
      'September ends 1 October: 4 weeks later is 29 October, after a day',
    ],
    ['2026-09', 4, '2026-10-30T00:00:00Z', true, 'a day after that'],
    ['2026-Q3', 12, '2026-12-25T00:00:00Z', true, 'Q3 ends 1 October: 12 weeks and a day later'],
    ['2026-Q3', 12, '2026-12-20T00:00:00Z', false, 'too early'],
  ])('has %s at %s weeks due at %s: %s (%s)', (period, weeks, asOf, due) => {
    expect(participationDue(period, weeks, new Date(asOf))).toBe(due);
  });

  it('shows the share at N weeks only once every placement of the period had N weeks', () => {
    const counters = { placements_started: 10, participating_4w: 8, participating_8w: 6 };
    const months = [{ municipality: 'GM0344', month: '2026-09', counters }];
    const [row] = impactRows(months, '2026-09', new Map(), 5, new Date('2026-11-20T00:00:00Z'));
    // 4 weeks after September (and a day) is 30 October, 8 weeks 27 November.
    expect(row.tijdens.participation).toEqual({
      placementsStarted: 10,
      weeks: {
        4: { participating: 8, share: 0.8, due: true },
        8: { participating: 6, share: null, due: false },
        12: { participating: null, share: null, due: false },
      },
    });
  });
});
