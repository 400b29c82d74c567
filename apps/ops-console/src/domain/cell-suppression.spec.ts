import { suppressCells, type AdditiveGroup } from './cell-suppression';

/** Which of the given cells are hidden, after suppressing with minimum 5. */
function hiddenOf(counts: Record<string, number>, groups: AdditiveGroup[]): string[] {
  const shown = suppressCells(new Map(Object.entries(counts)), groups, 5);
  return [...shown].filter(([, n]) => n === null).map(([k]) => k);
}

/** Every hidden cell that is the only hidden member of some group, with the value it can be worked out to. */
function derivable(counts: Record<string, number>, groups: AdditiveGroup[]): [string, number][] {
  const shown = suppressCells(new Map(Object.entries(counts)), groups, 5);
  const out: [string, number][] = [];
  for (const { total, parts } of groups) {
    const members = [total, ...parts];
    const hidden = members.filter((m) => shown.get(m) === null);
    if (hidden.length !== 1) continue;
    const [h] = hidden;
    const known = (m: string) => shown.get(m) ?? 0;
    out.push([
      h,
      h === total
        ? parts.reduce((s, p) => s + known(p), 0)
        : known(total) - parts.filter((p) => p !== h).reduce((s, p) => s + known(p), 0),
    ]);
  }
  return out;
}

const QUARTER: AdditiveGroup = { total: 'Q4', parts: ['2026-10', '2026-11', '2026-12'] };
const MOMENTS: AdditiveGroup = { total: 'month', parts: ['voor', 'tijdens', 'na'] };

describe('small-cell suppression with complementary cells (minimum 5)', () => {
  it.each<[string, Record<string, number>, AdditiveGroup[], string[]]>([
    ['shows every cell of 5 or more', { Q4: 30, '2026-10': 10, '2026-11': 12, '2026-12': 8 }, [QUARTER], []],
    [
      // Without the rule: November = 20 - 7 - 9 = 4. The smallest shown month (October, 7) goes too.
      'hides a second month when one month of a quarter is under 5',
      { Q4: 20, '2026-10': 7, '2026-11': 4, '2026-12': 9 },
      [QUARTER],
      ['2026-10', '2026-11'],
    ],
    [
      'needs nothing more when two months are under 5 already',
      { Q4: 20, '2026-10': 3, '2026-11': 4, '2026-12': 13 },
      [QUARTER],
      ['2026-10', '2026-11'],
    ],
    [
      'hides a month of no figures (0) with the others: 0 is under 5 too',
      { Q4: 8, '2026-10': 0, '2026-11': 8, '2026-12': 0 },
      [QUARTER],
      ['2026-10', '2026-12'],
    ],
    [
      'hides the total when it is under 5, and so every part',
      { Q4: 4, '2026-10': 1, '2026-11': 3, '2026-12': 0 },
      [QUARTER],
      ['Q4', '2026-10', '2026-11', '2026-12'],
    ],
    [
      // Without the rule: tijdens = 25 - 6 - 16 = 3.
      'hides a second moment when one moment of a month is under 5',
      { month: 25, voor: 6, tijdens: 3, na: 16 },
      [MOMENTS],
      ['voor', 'tijdens'],
    ],
    [
      // November (4) hides October (12, the smallest shown month); October is then the one hidden
      // member of its moments (12 = 6 + 6), so one of those goes too, or October = 6 + 6 again.
      'cascades through a cell that is in two groups',
      { Q4: 29, '2026-10': 12, '2026-11': 4, '2026-12': 13, voor: 6, tijdens: 6 },
      [QUARTER, { total: '2026-10', parts: ['voor', 'tijdens'] }],
      ['2026-10', '2026-11', 'voor'],
    ],
    [
      'hides the total of a group whose one part is hidden when no other part is shown',
      { total: 9, a: 9, b: 0 },
      [{ total: 'total', parts: ['a', 'b'] }],
      ['b', 'a'],
    ],
  ])('%s', (_scenario, counts, groups, hidden) => {
    expect(hiddenOf(counts, groups).sort()).toEqual([...hidden].sort());
    // Whatever is hidden, no hidden cell can be worked out from the cells shown.
    expect(derivable(counts, groups)).toEqual([]);
  });

  it('changes no shown count', () => {
    const shown = suppressCells(
      new Map([
        ['a', 7],
        ['b', 12],
      ]),
      [],
      5,
    );
    expect([...shown]).toEqual([
      ['a', 7],
      ['b', 12],
    ]);
  });
});
