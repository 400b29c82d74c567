import type { ImpactFact, ImpactIncrement } from '../../impact/impact.entity';

/**
 * The impact counter increments of one transaction, added up in memory and written in one
 * statement just before the transaction commits (`drain`). Nothing reads the counters while
 * recording, so the totals are the same as counting each event at once; a counter row is locked
 * only at the end of the transaction, and concurrent transactions lock the rows in one order.
 */
export class ImpactTally {
  private readonly increments = new Map<string, ImpactIncrement>();

  add(municipality: string, month: string, measure: string): void {
    const key = JSON.stringify([municipality, month, measure]);
    const increment = this.increments.get(key);
    if (increment) increment.by += 1;
    else this.increments.set(key, { municipality, month, measure, by: 1 });
  }

  /** The increments in one order of the counters' keys, for concurrent transactions; the tally is empty after. */
  drain(): ImpactIncrement[] {
    const rows = [...this.increments.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
    this.increments.clear();
    return rows;
  }
}

/**
 * The impact facts (measure, subject) that the projections of one batch of records count, inserted
 * in one statement once the batch is projected. A subject counts the first time it comes in the
 * batch, unless impact_fact has it: the same as inserting each fact at once, since nothing reads
 * impact_fact while the batch is projected. Inserted before any erasure, which rewrites facts.
 */
export class ImpactFacts {
  private readonly pending = new Map<string, ImpactFact>();

  get size(): number {
    return this.pending.size;
  }

  add(fact: ImpactFact): void {
    // PostgreSQL receives the UTF-8 of the subject: a lone surrogate arrives as U+FFFD.
    const subject = Buffer.from(fact.subject, 'utf8').toString('utf8');
    const key = JSON.stringify([fact.measure, subject]);
    if (!this.pending.has(key)) this.pending.set(key, { ...fact, subject });
  }

  /** The facts in one order of the unique index keys, for concurrent transactions. */
  sorted(): ImpactFact[] {
    return [...this.pending.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, fact]) => fact);
  }

  /** Adds what the facts counted now (`counted`: those impact_fact did not have) add to `tally`, and forgets them all. */
  countIn(counted: readonly { measure: string; subject: string }[], tally: ImpactTally): void {
    for (const { measure, subject } of counted) {
      const fact = this.pending.get(JSON.stringify([measure, subject]));
      if (!fact) continue;
      tally.add(fact.municipality, fact.month, measure);
      for (const also of [fact.alsoCount ?? []].flat()) tally.add(fact.municipality, fact.month, also);
    }
    this.pending.clear();
  }
}
