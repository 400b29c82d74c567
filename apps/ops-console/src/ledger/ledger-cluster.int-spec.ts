import type { Principal } from '@samenspel/http';
import { KafkaJsBroker, type IncomingMessage, type UnitsOfWork } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { createDataSource, runMigrationsLocked } from '@samenspel/persistence';
import {
  aYouthRef,
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  TestKafka,
  waitFor,
  type TestDatabase,
} from '@samenspel/testing';
import type { DataSource } from 'typeorm';
import { cloudEvent } from '../../test/flow-events';
import { ledgerOn } from '../../test/ledger-harness';
import { DeadLettersRepository } from '../dead-letters/dead-letters.repository';
import { ReplayDeadLettersCommand } from '../dead-letters/usecases/replay-dead-letters/replay-dead-letters.command';
import { ReplayDeadLetters } from '../dead-letters/usecases/replay-dead-letters/replay-dead-letters.usecase';
import { LedgerClusterId1767312000000 } from '../migrations/1767312000000-ledger-cluster-id';
import { OpsSchema } from '../migrations';
import { OpsKafka } from '../shared/ops-kafka';
import { RecordChunkCommand } from './usecases/record-chunk/record-chunk.command';
import type { RecordChunk } from './usecases/record-chunk/record-chunk.usecase';

interface Produced {
  topic: string;
  partition: number;
  offset: string;
  message: { key: string; value: string; headers: Record<string, string> };
}

/** The record as the flow monitor receives it from the broker (the broker's coordinates, Buffers). */
function incoming(p: Produced): IncomingMessage {
  return {
    topic: p.topic,
    partition: p.partition,
    offset: p.offset,
    key: Buffer.from(p.message.key),
    value: Buffer.from(p.message.value),
    headers: Object.fromEntries(Object.entries(p.message.headers).map(([k, v]) => [k, Buffer.from(v)])),
    timestamp: String(Date.now()),
  };
}

// A console database that outlives its Kafka cluster: rows recorded before the cluster id was
// part of the key, the real broker's records, and another cluster's records at the same
// coordinates (a second cluster is simulated by its id: the ledger only sees ids and coordinates).
describe('the ledger is idempotent per Kafka cluster (real PostgreSQL, real broker)', () => {
  const logger = createLogger('ops-ledger-cluster-test', 'silent');
  const jan: Principal = { sub: 'ops-jan', role: 'ops' };
  const OTHER_CLUSTER = 'another-cluster-id';
  let db: TestDatabase;
  let migrated: DataSource;
  let kafka: TestKafka;
  let opsKafka: OpsKafka;
  let recordChunk: RecordChunk;
  let units: UnitsOfWork;
  let clusterId: string;
  let event: Produced;
  let deadLetter: Produced;

  async function produce(topic: string, message: Produced['message']): Promise<Produced> {
    const [landed] = await kafka.produce(topic, [{ ...message, partition: 0 }]);
    return { topic, partition: landed.partition, offset: landed.baseOffset, message };
  }

  /** The same coordinates as `p`, with another record on them (what another cluster holds there). */
  function elsewhere(p: Produced): Produced {
    const youthRef = aYouthRef();
    const other = cloudEvent('nl.samenspel.test.elsewhere.v1', youthRef, {});
    return { ...p, message: { ...p.message, key: youthRef, value: other.value } };
  }

  /** Records the one record as the flow monitor records a record alone: its outcome. */
  const record = async (clusterId: string, p: Produced) => {
    const command = new RecordChunkCommand({ clusterId, records: [incoming(p)] });
    const [outcome] = await units.run((uow) => recordChunk.execute(command, uow));
    return outcome;
  };

  const rowsAt = (table: 'ledger_event' | 'dead_letter', p: Produced) =>
    migrated.query(`SELECT cluster_id FROM ${table} WHERE topic = $1 AND partition = $2 AND "offset" = $3`, [
      p.topic,
      p.partition,
      p.offset,
    ]) as Promise<{ cluster_id: string }[]>;

  beforeAll(async () => {
    kafka = new TestKafka();
    const topic = await kafka.createTopic('test.ops.cluster', 1);
    const youthRef = aYouthRef();
    event = await produce(topic, cloudEvent('nl.samenspel.test.cluster.v1', youthRef, {}));
    const failed = cloudEvent('nl.samenspel.test.cluster.v1', youthRef, {});
    deadLetter = await produce(`${topic}.dlq`, {
      ...failed,
      headers: {
        ...failed.headers,
        'dlq-reason': 'handler-failed: boom',
        'dlq-original-topic': topic,
        'dlq-original-partition': '0',
        'dlq-original-offset': '7',
      },
    });

    // The schema as it was before the cluster id, holding an old cluster's rows at the very
    // coordinates the broker just gave our records.
    db = await createTestDatabase('ops_cluster', {
      entities: [],
      migrations: OpsSchema.filter((m) => m !== LedgerClusterId1767312000000),
    });
    await db.dataSource.query(
      `INSERT INTO ledger_event (topic, partition, "offset", valid) VALUES ($1, $2, $3, true), ($4, $5, $6, true)`,
      [event.topic, event.partition, event.offset, deadLetter.topic, deadLetter.partition, deadLetter.offset],
    );
    await db.dataSource.query(
      `INSERT INTO dead_letter (topic, partition, "offset", original_topic, reason) VALUES ($1, $2, $3, $4, 'old')`,
      [deadLetter.topic, deadLetter.partition, deadLetter.offset, topic],
    );
    migrated = createDataSource({
      serverUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
      database: db.name,
      applicationName: 'samenspel-test',
      entities: [],
      migrations: OpsSchema,
    });
    await migrated.initialize();
    expect(await runMigrationsLocked(migrated)).toEqual(['LedgerClusterId1767312000000']);

    opsKafka = new OpsKafka(
      new KafkaJsBroker((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logger),
      'test-ledger-cluster',
    );
    clusterId = await opsKafka.clusterId();
    ({ recordChunk, units } = ledgerOn(migrated));
  });

  afterAll(async () => {
    await opsKafka?.close();
    await kafka?.close();
    if (migrated?.isInitialized) await migrated.destroy();
    await db?.drop();
  });

  it('asks the broker for its cluster id, a stable non-empty id', async () => {
    expect(clusterId).toEqual(expect.any(String));
    expect(clusterId).not.toBe('');
    expect(clusterId).not.toBe(OTHER_CLUSTER);
    expect(await opsKafka.clusterId()).toBe(clusterId);
  });

  it("keeps the rows recorded before the migration under cluster id '' and keys on the cluster id", async () => {
    expect(await rowsAt('ledger_event', event)).toEqual([{ cluster_id: '' }]);
    const constraints = (await migrated.query(
      `SELECT conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid IN ('ledger_event'::regclass, 'dead_letter'::regclass) AND contype = 'u'
        ORDER BY 1`,
    )) as { table: string; definition: string }[];
    expect(constraints).toEqual([
      { table: 'dead_letter', definition: 'UNIQUE (topic, partition, "offset", cluster_id)' },
      { table: 'ledger_event', definition: 'UNIQUE (topic, partition, "offset", cluster_id)' },
    ]);
  });

  it("records each cluster's record at the same coordinates once, and a redelivery from the same cluster not again", async () => {
    expect(await record(clusterId, event)).toBe('recorded');
    expect(await record(clusterId, event)).toBe('duplicate');
    expect(await record(OTHER_CLUSTER, elsewhere(event))).toBe('recorded');
    expect(await record(OTHER_CLUSTER, elsewhere(event))).toBe('duplicate');
    expect(await record(clusterId, event)).toBe('duplicate');

    expect((await rowsAt('ledger_event', event)).map((r) => r.cluster_id).sort()).toEqual(
      ['', clusterId, OTHER_CLUSTER].sort(),
    );
    // Each row describes its own cluster's record.
    const [ours] = (await migrated.query(
      `SELECT youth_ref, valid FROM ledger_event
        WHERE topic = $1 AND partition = $2 AND "offset" = $3 AND cluster_id = $4`,
      [event.topic, event.partition, event.offset, clusterId],
    )) as { youth_ref: string; valid: boolean }[];
    expect(ours).toEqual({ youth_ref: event.message.key, valid: true });
  });

  it("keeps both clusters' dead letters at the same coordinates, each replayable with its own record copy", async () => {
    const theirs = elsewhere(deadLetter);
    expect(await record(clusterId, deadLetter)).toBe('recorded');
    expect(await record(OTHER_CLUSTER, theirs)).toBe('recorded');
    expect(await record(clusterId, deadLetter)).toBe('duplicate');
    expect(await record(OTHER_CLUSTER, theirs)).toBe('duplicate');
    expect((await rowsAt('dead_letter', deadLetter)).map((r) => r.cluster_id).sort()).toEqual(
      ['', clusterId, OTHER_CLUSTER].sort(),
    );

    const copies = (await migrated.query(
      `SELECT id, cluster_id, status FROM dead_letter
        WHERE topic = $1 AND partition = $2 AND "offset" = $3 AND cluster_id <> ''`,
      [deadLetter.topic, deadLetter.partition, deadLetter.offset],
    )) as { id: string; cluster_id: string; status: string }[];
    expect(copies.map((c) => c.status)).toEqual(['open', 'open']);
    const replay = new ReplayDeadLetters(new DeadLettersRepository(), opsKafka);
    const command = new ReplayDeadLettersCommand({ principal: jan, ids: copies.map((c) => c.id) });
    const result = await units.run((uow) => replay.execute(command, uow));
    expect(result.replayed).toHaveLength(2);

    // The original topic now holds the event, plus one replay of each cluster's record copy.
    const replayed = await waitFor(async () => {
      const records = (await kafka.readAll(event.topic)).filter((r) => r.headers['replayed-from-topic']);
      return records.length === 2 && records;
    });
    expect(replayed.map((r) => r.key).sort()).toEqual([deadLetter.message.key, theirs.message.key].sort());
    expect(replayed.map((r) => r.value).sort()).toEqual(
      [deadLetter.message.value, theirs.message.value].sort(),
    );
    for (const r of replayed)
      expect(r.headers).toMatchObject({
        'replayed-from-topic': deadLetter.topic,
        'replayed-from-partition': String(deadLetter.partition),
        'replayed-from-offset': deadLetter.offset,
      });
  });
});
