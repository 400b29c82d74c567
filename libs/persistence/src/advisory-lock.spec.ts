import type { EntityManager } from 'typeorm';
import { lockOrder, lockOrYield, LockYield, mustNotWaitForLocks, neverWaitForLocks } from './advisory-lock';

/** An entity manager of one transaction whose queries answer with `rows`, recording what was asked. */
function aTransaction(rows: unknown[] = []) {
  const queries: { sql: string; params: unknown[] }[] = [];
  const queryRunner = {};
  const em = {
    queryRunner,
    query: async (sql: string, params: unknown[]) => {
      queries.push({ sql, params });
      return rows;
    },
  } as unknown as EntityManager;
  return { em, queries, queryRunner };
}

describe('advisory locks that a transaction of several events never waits for', () => {
  it('takes each key once, in one order for every caller', () => {
    expect(lockOrder('route:GM0363')).toEqual(['route:GM0363']);
    expect(lockOrder(['yr_b', 'route:GM0344', 'yr_b', 'yr_a'])).toEqual(['route:GM0344', 'yr_a', 'yr_b']);
    expect(lockOrder([])).toEqual([]);
  });

  it('waits for the locks, sorted, in an ordinary transaction', async () => {
    const { em, queries } = aTransaction();
    await lockOrYield(em, ['yr_b', 'yr_a']);
    expect(queries).toEqual([
      {
        sql: 'SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k ORDER BY k',
        params: [['yr_a', 'yr_b']],
      },
    ]);
  });

  it('only tries in a marked transaction, and goes on when every lock was granted', async () => {
    const { em, queries } = aTransaction([]);
    neverWaitForLocks(em);
    await lockOrYield(em, 'route:GM0363');
    expect(queries).toHaveLength(1);
    expect(queries[0].sql).toContain('pg_try_advisory_xact_lock');
    expect(queries[0].sql).not.toMatch(/pg_advisory_xact_lock/);
    expect(queries[0].params).toEqual([['route:GM0363']]);
  });

  it('yields with the keys held elsewhere, and keeps them out of its message', async () => {
    const { em } = aTransaction([{ k: 'yr_secret' }]);
    neverWaitForLocks(em);
    const failure = await lockOrYield(em, ['route:GM0363', 'yr_secret']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LockYield);
    expect((failure as LockYield).keys).toEqual(['yr_secret']);
    expect((failure as LockYield).message).toBe('1 advisory lock(s) held by another transaction');
  });

  it('marks one transaction: another entity manager of it is marked, another transaction is not', () => {
    const chunk = aTransaction();
    neverWaitForLocks(chunk.em);
    const sameTransaction = { queryRunner: chunk.queryRunner } as unknown as EntityManager;
    expect(mustNotWaitForLocks(chunk.em)).toBe(true);
    expect(mustNotWaitForLocks(sameTransaction)).toBe(true);
    expect(mustNotWaitForLocks(aTransaction().em)).toBe(false);
  });

  it('asks nothing for no keys', async () => {
    const { em, queries } = aTransaction();
    neverWaitForLocks(em);
    await lockOrYield(em, []);
    expect(queries).toEqual([]);
  });
});
