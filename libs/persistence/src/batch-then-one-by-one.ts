import type { EntityManager } from 'typeorm';

/** Whatever opens a transaction: a TypeORM `DataSource` is one. */
export interface OpensTransactions {
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

/** The steps of `batchThenOneByOne` for items of type T, each with a result of type R. */
export interface BatchThenOneByOneSteps<T, R> {
  /** The whole batch in the one transaction opened for it: its results, in the order of the items. */
  batch(em: EntityManager, items: readonly T[]): Promise<R[]>;
  /** Runs once the batch's transaction committed; what it throws is rethrown, never redone. */
  committed?(results: R[]): void | Promise<void>;
  /** Told why the batch failed, before any item is redone; what it throws is rethrown and nothing is redone. */
  failed?(error: unknown): void | Promise<void>;
  /** Asked before each item is redone: false ends the redo there. */
  shouldContinue?(): boolean;
  /** One item after the batch failed, in a transaction of its own that it opens (and may retry). */
  alone(item: T, batchError: unknown): Promise<R>;
  /** The result of an item whose `alone` failed; without it, or when it throws, the error ends the redo. */
  itemFailed?(error: unknown, item: T): R;
  /** Runs when the redo ended without an error (after every item, or where `shouldContinue` said stop). */
  redone?(results: R[]): void | Promise<void>;
}

/**
 * Does a batch in one transaction (one commit for many items); when that transaction fails,
 * nothing of it was committed and each item is redone alone, so that one item's failure holds
 * back no other. Resolves to the batch's results, or to the results of the items redone.
 */
export async function batchThenOneByOne<T, R>(
  db: OpensTransactions,
  items: readonly T[],
  steps: BatchThenOneByOneSteps<T, R>,
): Promise<R[]> {
  let results: R[];
  try {
    results = await db.transaction((em) => steps.batch(em, items));
  } catch (error) {
    if (steps.failed) await steps.failed(error);
    return redo(items, steps, error);
  }
  // Outside the try: a batch that committed is never redone, whatever happens after.
  if (steps.committed) await steps.committed(results);
  return results;
}

async function redo<T, R>(
  items: readonly T[],
  steps: BatchThenOneByOneSteps<T, R>,
  batchError: unknown,
): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) {
    if (steps.shouldContinue && !steps.shouldContinue()) break;
    try {
      results.push(await steps.alone(item, batchError));
    } catch (error) {
      if (!steps.itemFailed) throw error;
      results.push(steps.itemFailed(error, item));
    }
  }
  if (steps.redone) await steps.redone(results);
  return results;
}
