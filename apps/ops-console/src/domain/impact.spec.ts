import { firstOfferBucket, impactCsv, impactRow, medianBucket, suppress } from './impact';

const DAY = 24 * 60 * 60 * 1000;

describe('impact figures', () => {
  it.each([
    [4, null],
    [5, 5],
    [0, null],
    [undefined, null],
  ])('suppresses a count of %s to %s (minimum 5)', (count, expected) => {
    expect(suppress(count, 5)).toBe(expected);
  });

  it.each([
    [0, 'first_offer_le_1d'],
    [DAY, 'first_offer_le_1d'],
    [DAY + 1, 'first_offer_le_3d'],
    [7 * DAY, 'first_offer_le_7d'],
    [29 * DAY, 'first_offer_gt_28d'],
  ])('puts a first offer after %s ms in %s', (ms, bucket) => {
    expect(firstOfferBucket(ms)).toBe(bucket);
  });

  it('finds the bucket holding the median', () => {
    // 7 first offers: 2 within a day, 3 within 3 days, 2 within 7 days; the 4th (median) is in "≤ 3 days".
    const c = { first_offer_le_1d: 2, first_offer_le_3d: 3, first_offer_le_7d: 2 };
    expect(medianBucket(c, 5)).toBe('≤ 3 days');
    expect(medianBucket({ first_offer_le_1d: 4 }, 5)).toBeNull();
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
