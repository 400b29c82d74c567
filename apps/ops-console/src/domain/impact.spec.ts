import { impactCsv, impactRow, medianDays, monthOf, suppress } from './impact';

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
      {
        offers: 10,
        offers_accepted: 6,
        handovers: 12,
        handovers_first_contact_5wd: 3,
        offered_youngsters: 4,
      },
      5,
    );
    expect(row).toMatchObject({
      offers: 10,
      offersAccepted: 6,
      acceptedShare: 0.6,
      handovers: 12,
      firstContactWithin5WorkingDays: null,
      firstContactShare: null,
      offeredYoungsters: null,
    });
  });

  it('writes suppressed cells as empty CSV fields', () => {
    const csv = impactCsv([impactRow('GM0344', '2026-11', { offers: 6, offers_accepted: 2 }, 5)]);
    const [header, line] = csv.trim().split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((h, i) => [h, line.split(',')[i]]));
    expect(cells).toMatchObject({
      municipality_code: '"GM0344"',
      offers: '"6"',
      offers_accepted: '',
      accepted_share: '',
    });
  });
});

describe('the month of an instant, in Dutch time', () => {
  it.each([
    ['2026-10-31T22:59:59Z', '2026-10', 'CET (+01:00): 23:59:59 on 31 October'],
    ['2026-10-31T23:00:00Z', '2026-11', 'CET: midnight of 1 November'],
    ['2026-06-30T21:59:59Z', '2026-06', 'CEST (+02:00): 23:59:59 on 30 June'],
    ['2026-06-30T22:00:00Z', '2026-07', 'CEST: midnight of 1 July, still June in UTC'],
    ['2026-12-31T23:30:00Z', '2027-01', 'New Year in Amsterdam, New Year’s Eve in UTC'],
  ])('counts %s in %s (%s)', (at, month) => {
    expect(monthOf(new Date(at))).toBe(month);
  });
});
