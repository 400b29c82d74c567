import { isStalePreparedPlan, isTransientInfrastructureError } from '@samenspel/persistence';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import type { DataSource } from 'typeorm';

/** The service pools' client against the real PostgreSQL: what the server holds per connection. */
describe('prepared statements (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('prepared', { entities: [], migrations: [] });
    await db.dataSource.query('CREATE TABLE sample (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(() => db.drop());

  /** Runs `work` on one connection and returns that connection's prepared statements afterwards. */
  async function onOneConnection(
    dataSource: DataSource,
    work: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>,
  ): Promise<{ name: string; statement: string }[]> {
    const runner = dataSource.createQueryRunner();
    try {
      await work((sql, params) => runner.query(sql, params));
      return (await runner.query('SELECT name, statement FROM pg_prepared_statements ORDER BY name')) as {
        name: string;
        statement: string;
      }[];
    } finally {
      await runner.release();
    }
  }

  it('prepares a parameterised statement once per connection and reuses it, with the same answers', async () => {
    const insert = 'INSERT INTO sample (id, label) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id';
    const select = 'SELECT label FROM sample WHERE id = $1';
    const answers: unknown[] = [];
    const prepared = await onOneConnection(db.dataSource, async (query) => {
      for (const id of [1, 2, 3]) answers.push(await query(insert, [id, `label ${id}`]));
      answers.push(await query(insert, [1, 'again']));
      for (const id of [1, 3, 4]) answers.push(await query(select, [id]));
    });

    expect(answers).toEqual([
      [{ id: 1 }],
      [{ id: 2 }],
      [{ id: 3 }],
      [],
      [{ label: 'label 1' }],
      [{ label: 'label 3' }],
      [],
    ]);
    // Each text once, under our name (the connection also holds what migrations ran on it).
    const ours = prepared.filter((p) => p.name.startsWith('samenspel_')).map((p) => p.statement);
    expect(ours.filter((text) => text === insert || text === select).sort()).toEqual([insert, select].sort());
  });

  it('keeps statements without parameters, and several statements in one text, on the simple protocol', async () => {
    const prepared = await onOneConnection(db.dataSource, async (query) => {
      await query('START TRANSACTION');
      await query(
        "INSERT INTO sample (id, label) VALUES (10, 'a'); INSERT INTO sample (id, label) VALUES (11, 'b')",
      );
      await query('COMMIT');
    });

    expect(prepared.map((p) => p.statement)).not.toContainEqual(expect.stringContaining('START TRANSACTION'));
    expect(prepared.map((p) => p.statement)).not.toContainEqual(expect.stringContaining("VALUES (10, 'a')"));
    await expect(
      db.dataSource.query('SELECT count(*)::int AS n FROM sample WHERE id IN (10, 11)'),
    ).resolves.toEqual([{ n: 2 }]);
  });

  it('runs a statement unnamed on a connection once a migration changed its result columns', async () => {
    await db.dataSource.query(`CREATE TABLE widened (id int PRIMARY KEY, label text)`);
    await db.dataSource.query(`INSERT INTO widened VALUES (1, 'one')`);
    const select = 'SELECT * FROM widened WHERE id = $1';
    const runner = db.dataSource.createQueryRunner();
    try {
      await expect(runner.query(select, [1])).resolves.toEqual([{ id: 1, label: 'one' }]);
      // Another connection migrates while this one holds the prepared statement (a rolling upgrade).
      await db.dataSource.query('ALTER TABLE widened ADD COLUMN extra int');

      const stale = await runner.query(select, [1]).catch((error: unknown) => error);
      expect(isStalePreparedPlan(stale)).toBe(true);
      expect(isTransientInfrastructureError(stale)).toBe(true);
      await expect(runner.query(select, [1])).resolves.toEqual([{ id: 1, label: 'one', extra: null }]);
      await expect(runner.query(select, [2])).resolves.toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it('leaves a connection usable after a prepared statement fails, and reports the error', async () => {
    const bad = 'SELECT label FROM no_such_table WHERE id = $1';
    const prepared = await onOneConnection(db.dataSource, async (query) => {
      await expect(query(bad, [1])).rejects.toThrow(/no_such_table/);
      await expect(query(bad, [1])).rejects.toThrow(/no_such_table/);
      await expect(query('SELECT label FROM sample WHERE id = $1', [2])).resolves.toEqual([
        { label: 'label 2' },
      ]);
    });

    expect(prepared.map((p) => p.statement)).not.toContain(bad);
  });
});
