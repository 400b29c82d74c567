import type { EntityManager } from 'typeorm';

/**
 * Thrown by `lockOrYield` instead of waiting for a transaction-scoped advisory lock that another
 * transaction holds, in a transaction marked with `neverWaitForLocks`. The caller that marked the
 * transaction rolls it back (releasing every lock it took) and redoes the work in transactions
 * that may wait. Not an error of the work itself: never retry it in place, never dead-letter it.
 */
export class LockYield extends Error {
  override readonly name = 'LockYield';

  constructor(readonly keys: readonly string[]) {
    // The keys may hold youthRefs: not in the message, which may end up in a log.
    super(`${keys.length} advisory lock(s) held by another transaction`);
  }
}

/** The transactions (by their query runner, one per transaction) that must not wait for a lock. */
const noWait = new WeakSet<object>();

/**
 * Marks the transaction of `em` as one that may already hold locks of earlier, unrelated work
 * (several events applied in one transaction): `lockOrYield` then never waits in it, because two
 * such transactions taking the same locks in opposite orders would deadlock.
 */
export function neverWaitForLocks(em: EntityManager): void {
  noWait.add(em.queryRunner ?? em);
}

/** Whether `lockOrYield` would give up in this transaction rather than wait. */
export function mustNotWaitForLocks(em: EntityManager): boolean {
  return noWait.has(em.queryRunner ?? em);
}

/** The keys in the order every transaction takes them: each once, sorted. */
export function lockOrder(keys: string | readonly string[]): string[] {
  return [...new Set(typeof keys === 'string' ? [keys] : keys)].sort();
}

/**
 * Takes transaction-scoped advisory locks (`hashtext(key)`), held until the transaction ends. In
 * an ordinary transaction it waits for them, in sorted order so that two callers cannot deadlock
 * each other. In a transaction marked with `neverWaitForLocks` it only tries, and throws
 * `LockYield` when any is held elsewhere, so that such a transaction never waits while holding
 * locks it took earlier.
 */
export async function lockOrYield(em: EntityManager, keys: string | readonly string[]): Promise<void> {
  const ordered = lockOrder(keys);
  if (ordered.length === 0) return;
  if (!mustNotWaitForLocks(em)) {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k ORDER BY k`, [
      ordered,
    ]);
    return;
  }
  const busy: { k: string }[] = await em.query(
    `SELECT k FROM unnest($1::text[]) AS k WHERE NOT pg_try_advisory_xact_lock(hashtext(k))`,
    [ordered],
  );
  if (busy.length > 0) throw new LockYield(busy.map((row) => row.k));
}
