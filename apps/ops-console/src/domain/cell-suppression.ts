/**
 * Small-cell suppression with complementary cells. A count under the minimum cell is hidden
 * (primary suppression). A published total and its parts form an additive group: when exactly
 * one member of a group is hidden, it could be worked out from the others, so the smallest shown
 * part is hidden too (complementary suppression), until no group has exactly one hidden member.
 * Cells are hidden, never changed; a group with two or more hidden members gives only their sum.
 */

/** A published total and the published parts it is the sum of, by cell key. */
export interface AdditiveGroup {
  total: string;
  parts: readonly string[];
}

/** The shown counts by cell key; a hidden cell is null. Every key of `counts` is in the result. */
export function suppressCells(
  counts: ReadonlyMap<string, number>,
  groups: readonly AdditiveGroup[],
  min: number,
): Map<string, number | null> {
  const hidden = new Set([...counts].filter(([, n]) => n < min).map(([key]) => key));
  const count = (key: string) => counts.get(key) ?? 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of groups) {
      const members = [total, ...parts];
      if (members.filter((m) => hidden.has(m)).length !== 1) continue;
      // Hiding the smallest shown part loses the least; the total only when no part is shown.
      const shownParts = parts.filter((p) => !hidden.has(p));
      const next = shownParts.length ? shownParts.reduce((a, b) => (count(b) < count(a) ? b : a)) : total;
      hidden.add(next);
      changed = true;
    }
  }
  return new Map([...counts.keys()].map((key) => [key, hidden.has(key) ? null : count(key)]));
}
