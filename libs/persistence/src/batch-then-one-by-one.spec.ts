import type { EntityManager } from 'typeorm';
import {
  batchThenOneByOne,
  type BatchThenOneByOneSteps,
  type OpensTransactions,
} from './batch-then-one-by-one';

/** Transactions that write what happens to a log: `begin 1`, `commit 1`, `rollback 2`. */
class Transactions implements OpensTransactions {
  readonly log: string[] = [];
  private opened = 0;

  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const n = ++this.opened;
    this.log.push(`begin ${n}`);
    try {
      const result = await work({ n } as unknown as EntityManager);
      this.log.push(`commit ${n}`);
      return result;
    } catch (error) {
      this.log.push(`rollback ${n}`);
      throw error;
    }
  }
}

class Refused extends Error {}
class DatabaseAway extends Error {}

/**
 * Items are names. The batch does each in order and fails at `failBatchAt`; alone, each is done in
 * a transaction of its own and fails when its name is in `failAlone`.
 */
function stepsFor(
  db: Transactions,
  { failBatchAt, failAlone = {} }: { failBatchAt?: string; failAlone?: Record<string, Error> } = {},
): BatchThenOneByOneSteps<string, string | Error> {
  return {
    batch: async (_em, items) => {
      const done: string[] = [];
      for (const item of items) {
        if (item === failBatchAt) throw new Error(`the batch failed at ${item}`);
        db.log.push(`batch ${item}`);
        done.push(`${item} done`);
      }
      return done;
    },
    committed: (results) => void db.log.push(`committed ${results.length}`),
    failed: (error) => void db.log.push(`failed: ${(error as Error).message}`),
    alone: (item) =>
      db.transaction(async () => {
        const failure = failAlone[item];
        if (failure) throw failure;
        db.log.push(`alone ${item}`);
        return `${item} done alone`;
      }),
    redone: (results) => void db.log.push(`redone ${results.length}`),
  };
}

describe('batchThenOneByOne', () => {
  it('does a batch that succeeds in one transaction and redoes nothing', async () => {
    const db = new Transactions();

    const results = await batchThenOneByOne(db, ['a', 'b', 'c'], stepsFor(db));

    expect(results).toEqual(['a done', 'b done', 'c done']);
    expect(db.log).toEqual(['begin 1', 'batch a', 'batch b', 'batch c', 'commit 1', 'committed 3']);
  });

  it('redoes each item alone, in order and in its own transaction, when the batch fails', async () => {
    const db = new Transactions();
    const batchErrors: unknown[] = [];
    const steps = stepsFor(db, { failBatchAt: 'b' });
    const alone = steps.alone;
    steps.alone = (item, batchError) => {
      batchErrors.push(batchError);
      return alone(item, batchError);
    };

    const results = await batchThenOneByOne(db, ['a', 'b', 'c'], steps);

    expect(results).toEqual(['a done alone', 'b done alone', 'c done alone']);
    // What the batch did before it failed was rolled back with it; `committed` never ran.
    expect(db.log).toEqual([
      'begin 1',
      'batch a',
      'rollback 1',
      'failed: the batch failed at b',
      ...['begin 2', 'alone a', 'commit 2'],
      ...['begin 3', 'alone b', 'commit 3'],
      ...['begin 4', 'alone c', 'commit 4'],
      'redone 3',
    ]);
    // Each item is told why the batch failed (a caller counts the failed try of that item).
    expect(batchErrors.map((e) => (e as Error).message)).toEqual(Array(3).fill('the batch failed at b'));
  });

  it('answers an item that fails alone with what itemFailed makes of its error, and does the others', async () => {
    const db = new Transactions();
    const refused = new Refused('no seat for b');
    const steps = stepsFor(db, { failBatchAt: 'b', failAlone: { b: refused } });
    steps.itemFailed = (error) => error as Error;

    const results = await batchThenOneByOne(db, ['a', 'b', 'c'], steps);

    expect(results).toEqual(['a done alone', refused, 'c done alone']);
    expect(db.log.slice(-9)).toEqual([
      ...['begin 2', 'alone a', 'commit 2'],
      ...['begin 3', 'rollback 3'],
      ...['begin 4', 'alone c', 'commit 4'],
      'redone 3',
    ]);
  });

  it.each([
    ['no itemFailed is given', undefined],
    [
      'itemFailed throws it on',
      (error: unknown) => {
        if (error instanceof Refused) return error;
        throw error;
      },
    ],
  ])("ends the redo with an item's error when %s", async (_case, itemFailed) => {
    const db = new Transactions();
    const away = new DatabaseAway('connection terminated');
    const steps = stepsFor(db, { failBatchAt: 'a', failAlone: { b: away } });
    steps.itemFailed = itemFailed;

    await expect(batchThenOneByOne(db, ['a', 'b', 'c'], steps)).rejects.toBe(away);

    // c is never tried, and the redo is not reported as ended.
    expect(db.log.slice(-6)).toEqual([
      'failed: the batch failed at a',
      ...['begin 2', 'alone a', 'commit 2'],
      ...['begin 3', 'rollback 3'],
    ]);
  });

  it('redoes nothing when failed rethrows the error (the database is away)', async () => {
    const db = new Transactions();
    const away = new DatabaseAway('connection terminated');
    const steps = stepsFor(db);
    steps.batch = async () => {
      throw away;
    };
    steps.failed = (error) => {
      if (error instanceof DatabaseAway) throw error;
    };

    await expect(batchThenOneByOne(db, ['a', 'b'], steps)).rejects.toBe(away);

    expect(db.log).toEqual(['begin 1', 'rollback 1']);
  });

  it('ends the redo early when shouldContinue says stop, and reports what was redone', async () => {
    const db = new Transactions();
    const steps = stepsFor(db, { failBatchAt: 'a' });
    let asked = 0;
    steps.shouldContinue = () => ++asked <= 2;

    const results = await batchThenOneByOne(db, ['a', 'b', 'c', 'd'], steps);

    expect(results).toEqual(['a done alone', 'b done alone']);
    expect(asked).toBe(3);
    expect(db.log.slice(-7)).toEqual([
      ...['begin 2', 'alone a', 'commit 2'],
      ...['begin 3', 'alone b', 'commit 3'],
      'redone 2',
    ]);
  });

  it('never redoes a batch that committed, even when committed throws', async () => {
    const db = new Transactions();
    const lost = new Error('the broker would not take the offsets');
    const steps = stepsFor(db);
    steps.committed = () => {
      throw lost;
    };

    await expect(batchThenOneByOne(db, ['a', 'b'], steps)).rejects.toBe(lost);

    expect(db.log).toEqual(['begin 1', 'batch a', 'batch b', 'commit 1']);
  });
});
