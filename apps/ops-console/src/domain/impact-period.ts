import type { AdditiveGroup } from './cell-suppression';

/** A period the impact is reported for: a month "2026-11", a quarter "2026-Q4" or a year "2026". */
export const IMPACT_PERIOD = /^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The months of a period, oldest first. */
export function monthsOf(period: string): string[] {
  const year = period.slice(0, 4);
  const quarter = /-Q([1-4])$/.exec(period);
  if (quarter) {
    const first = (Number(quarter[1]) - 1) * 3 + 1;
    return [first, first + 1, first + 2].map((m) => `${year}-${pad(m)}`);
  }
  if (period.length === 4) return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
  return [period];
}

/** The quarter of a month: "2026-11" is in "2026-Q4". */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every period of a year: its 12 months, 4 quarters and the year itself. */
export function periodsOfYear(year: string): string[] {
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [...monthsOf(year), ...quarters, year];
}

/** What adds up within a year: each quarter is the sum of its months, the year of its quarters. */
export function periodGroups(year: string): AdditiveGroup[] {
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [...quarters.map((q) => ({ total: q, parts: monthsOf(q) })), { total: year, parts: quarters }];
}
