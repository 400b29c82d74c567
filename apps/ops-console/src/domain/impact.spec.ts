import { impactCsv, impactRow, medianDays, suppress } from './impact';

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
