import {
  InboxEventEntity,
  MARK_SENT,
  MessagingCore1764201600000,
  OutboxEventEntity,
} from '@samenspel/messaging';
import {
  createTestDatabase,
  PAST_GENERIC_PLAN,
  readsBetween,
  tableReads,
  type TestDatabase,
} from '@samenspel/testing';
import type { QueryRunner } from 'typeorm';

const BATCH = 20;

/** `count` outbox rows, sent already or not; returns their positions. */
async function appendRows(runner: QueryRunner, count: number, sent: boolean): Promise<string[]> {
  const rows: { position: string }[] = await runner.query(
    `INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, topic, event_key, payload, sent_at)
     SELECT gen_random_uuid(), 'ledger', 'agg-' || i, 'nl.samenspel.test.v1', 'samenspel.test.v1', 'key-' || i,
            '{}'::jsonb, CASE WHEN $2 THEN now() END
       FROM generate_series(1, $1::int) AS i
     RETURNING position`,
    [count, sent],
  );
  return rows.map((r) => r.position);
}

/**
 * The relay marks every batch it published as sent, in a table that only grows until retention
 * deletes what was sent. The statement runs prepared on the relay's pooled connections, each of
 * which keeps the plan PostgreSQL made once for any parameter, here while the table was small and
 * had no statistics. It must still find a batch through the index of unsent rows, not by reading
 * every row ever sent.
 */
describe('marking a relayed batch sent, against PostgreSQL', () => {
  let db: TestDatabase;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase('outbox_mark', {
      entities: [OutboxEventEntity, InboxEventEntity],
      migrations: [MessagingCore1764201600000],
    });
    runner = db.dataSource.createQueryRunner();
    await runner.connect();
  });
  afterAll(async () => {
    await runner?.release();
    await db?.drop();
  });

  it('marks a batch through the index of unsent rows, with a plan made while the table was small', async () => {
    const early = await appendRows(runner, BATCH * PAST_GENERIC_PLAN, false);
    for (let run = 0; run < PAST_GENERIC_PLAN; run++) {
      await runner.query(MARK_SENT, [early.slice(run * BATCH, (run + 1) * BATCH)]);
    }
    await appendRows(runner, 20_000, true);
    const later = await appendRows(runner, BATCH * PAST_GENERIC_PLAN, false);
    const before = await tableReads(runner, 'outbox_event');

    for (let run = 0; run < PAST_GENERIC_PLAN; run++) {
      await runner.query(MARK_SENT, [later.slice(run * BATCH, (run + 1) * BATCH)]);
    }

    // A table scan here would read some 20,000 rows on every batch the relay sends.
    expect(readsBetween(before, await tableReads(runner, 'outbox_event'))).toEqual({
      seqScans: 0,
      indexEntries: { outbox_event_unsent: BATCH * PAST_GENERIC_PLAN },
    });
    const [{ unsent }] = await runner.query(
      `SELECT count(*)::int AS unsent FROM outbox_event WHERE sent_at IS NULL`,
    );
    expect(unsent).toBe(0);
  });
});
