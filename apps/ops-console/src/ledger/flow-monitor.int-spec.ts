import { AuditTrail1795810000000 } from '@samenspel/audit';
import { randomInt, randomUUID } from 'node:crypto';
import { PRIVACY_EVENT_TYPES, TOPICS, WAITLIST_EVENT_TYPES } from '@samenspel/contracts';
import { rememberErased } from '@samenspel/erasure';
import { MetricsRegistry } from '@samenspel/http';
import {
  KafkaJsBroker,
  MessagingCore1764201600000,
  unitOfWork,
  type IncomingMessage,
  type MessagingRuntime,
} from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import {
  aUniqueName,
  aYouthRef,
  createTestDatabase,
  TestKafka,
  waitFor,
  type TestDatabase,
} from '@samenspel/testing';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { cloudEvent, offered, waitlistEntered } from '../../test/flow-events';
import { ledgerOn } from '../../test/ledger-harness';
import { monthOf } from '../domain/impact';
import { OpsSchema } from '../migrations';
import { FlowMonitor } from './flow-monitor';
import { RecordChunkCommand } from './usecases/record-chunk/record-chunk.command';
import { OpsKafka } from '../shared/ops-kafka';
import type { OpsSettings } from '../config/ops-settings';

type Message = { key: string; value: string; headers: Record<string, string> };

interface LogLine {
  level: string;
  msg: string;
  topic?: string;
  offset?: string;
  records?: number;
  err?: string;
  code?: string;
}

// The flow monitor as the console runs it (its own consumer group on the real broker, the
// console's schema in a real PostgreSQL), reading one test topic: a batch is recorded per chunk,
// in one transaction per chunk.
describe('the flow monitor records per chunk (real PostgreSQL, real broker)', () => {
  const output: string[] = [];
  const logger = createLogger('ops-flow-monitor-test', 'info', {
    write: (line: string) => output.push(line),
  });
  const thresholds = {
    waitlistNoOfferSeconds: 3600,
    taskGraceSeconds: 3600,
    handoverWorkingDays: 5,
    deadLetterSeconds: 3600,
  };
  let db: TestDatabase;
  let kafka: TestKafka;
  let metrics: MetricsRegistry;
  let monitor: FlowMonitor;
  let ledger: ReturnType<typeof ledgerOn>;
  let topic: string;
  let groupId: string;

  const logLines = () => output.map((line) => JSON.parse(line) as LogLine);

  /** Puts the records on the topic's one partition in one send, so the monitor reads them in one batch. */
  async function produce(messages: Message[]): Promise<string[]> {
    const [landed] = await kafka.produce(
      topic,
      messages.map((m) => ({ ...m, partition: 0 })),
    );
    return messages.map((_, i) => (BigInt(landed.baseOffset) + BigInt(i)).toString());
  }

  async function ledgerRows(offsets: string[]) {
    return (await db.dataSource.query(
      `SELECT "offset"::text AS "offset", youth_ref, refs, recorded_at FROM ledger_event
        WHERE topic = $1 AND "offset" = ANY ($2::bigint[]) ORDER BY "offset"`,
      [topic, offsets],
    )) as { offset: string; youth_ref: string | null; refs: Record<string, string>; recorded_at: Date }[];
  }

  /** samenspel_ops_ledger_records_total of the test topic, for one outcome. */
  async function recordsCounted(outcome: string): Promise<number> {
    const counter = metrics.getSingleMetric('samenspel_ops_ledger_records_total') as Counter;
    const { values } = await counter.get();
    return values
      .filter((v) => v.labels.topic === topic && v.labels.outcome === outcome)
      .reduce((n, v) => n + v.value, 0);
  }

  /** Waits until the group committed the partition up to its end. */
  async function committedUpTo(end: string): Promise<void> {
    await waitFor(async () => (await kafka.committedOffsets(groupId, topic)).get(0) === end, {
      timeoutMs: 30000,
      description: `the flow monitor committed ${topic} up to ${end}`,
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase('ops_monitor', {
      entities: [],
      migrations: [MessagingCore1764201600000, AuditTrail1795810000000, ...OpsSchema],
    });
    kafka = new TestKafka();
    topic = await kafka.createTopic('test.ops.monitor', 1);
    groupId = aUniqueName('test-ops-monitor');
    metrics = new MetricsRegistry();
    const quiet = createLogger('ops-flow-monitor-test', 'silent');
    const settings = {
      groupId,
      clientId: groupId,
      topics: [topic, `${topic}.dlq`],
      thresholds,
      fromBeginning: true,
    } as OpsSettings;
    ledger = ledgerOn(db.dataSource);
    monitor = new FlowMonitor(
      new OpsKafka(
        new KafkaJsBroker((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), quiet),
        groupId,
      ),
      db.dataSource,
      ledger.outbox,
      ledger.units,
      ledger.recordChunk,
      settings,
      logger,
      metrics,
      // Only injected so that the console's topics exist; this test creates its own.
      {} as MessagingRuntime,
    );
    await monitor.onApplicationBootstrap();
    await waitFor(() => monitor.joined, {
      timeoutMs: 60000,
      description: 'the flow monitor joined its group',
    });
  });

  afterAll(async () => {
    await monitor?.beforeApplicationShutdown();
    await kafka?.close();
    await db?.drop();
  });

  it('skips only the record that cannot be recorded and records every other record of its chunk', async () => {
    const [a, b, c, d] = [aYouthRef(), aYouthRef(), aYouthRef(), aYouthRef()];
    const entry = () => aUniqueName('we');
    // A producer's bug: an event id with a NUL character, which PostgreSQL text cannot hold.
    const broken = cloudEvent(WAITLIST_EVENT_TYPES.entered, c, { waitlistEntryId: entry() });
    broken.value = JSON.stringify({ ...JSON.parse(broken.value), id: `evt-\u0000-${aUniqueName('id')}` });
    const offsets = await produce([
      waitlistEntered(a, entry(), 'GM0363').message,
      waitlistEntered(b, entry(), 'GM0344').message,
      broken,
      waitlistEntered(d, entry(), 'GM0599').message,
    ]);

    await committedUpTo((BigInt(offsets[3]) + 1n).toString());
    const rows = await ledgerRows(offsets);
    expect(rows.map((r) => [r.offset, r.youth_ref])).toEqual([
      [offsets[0], a],
      [offsets[1], b],
      [offsets[3], d],
    ]);
    const entries = (await db.dataSource.query(
      `SELECT youth_ref, municipality_code FROM waitlist_entry_state WHERE youth_ref = ANY ($1) ORDER BY 2`,
      [[a, b, c, d]],
    )) as { youth_ref: string; municipality_code: string }[];
    expect(entries).toEqual([
      { youth_ref: b, municipality_code: 'GM0344' },
      { youth_ref: a, municipality_code: 'GM0363' },
      { youth_ref: d, municipality_code: 'GM0599' },
    ]);
    expect(await recordsCounted('recorded')).toBe(3);
    expect(await recordsCounted('skipped')).toBe(1);

    // The chunk of four failed as a whole and was recorded again record by record; the one that
    // failed alone is logged by its coordinates and the database's error code only.
    const lines = logLines();
    expect(lines.filter((l) => l.msg.includes('chunk'))).toEqual([
      expect.objectContaining({ level: 'warn', topic, offset: offsets[0], records: 4, code: '22021' }),
    ]);
    expect(lines.filter((l) => l.msg.includes('skipped'))).toEqual([
      expect.objectContaining({
        level: 'error',
        topic,
        offset: offsets[2],
        err: 'QueryFailedError',
        code: '22021',
      }),
    ]);
    for (const youthRef of [a, b, c, d]) expect(output.join('\n')).not.toContain(youthRef);
  });

  it('records a chunk in one transaction and erases in it the records of a youngster erased in the last days', async () => {
    const [x, erased, y] = [aYouthRef(), aYouthRef(), aYouthRef()];
    const [entryX, entryErased, offerX] = [aUniqueName('we'), aUniqueName('we'), aUniqueName('of')];
    // What the erasure of the youngster left behind (YouthErasure remembers the digest only).
    await db.dataSource.transaction((em) => rememberErased(em, erased));
    const before = { recorded: await recordsCounted('recorded'), logged: output.length };
    const offsets = await produce([
      waitlistEntered(x, entryX, 'GM0363').message,
      waitlistEntered(erased, entryErased, 'GM0363').message,
      offered(x, entryX, offerX, 'GM0363').message,
      offered(erased, entryErased, aUniqueName('of'), 'GM0363').message,
      waitlistEntered(y, aUniqueName('we'), 'GM0363').message,
    ]);

    await committedUpTo((BigInt(offsets[4]) + 1n).toString());
    const rows = await ledgerRows(offsets);
    expect(rows.map((r) => r.offset)).toEqual(offsets);
    // One transaction: now() is the time its transaction started.
    expect(new Set(rows.map((r) => r.recorded_at.toISOString())).size).toBe(1);
    expect(rows.map((r) => r.youth_ref)).toEqual([x, null, x, null, y]);
    expect(rows[1].refs).toEqual({});
    expect(rows[2].refs).toEqual({
      waitlistEntryId: entryX,
      offerId: offerX,
      activityId: 'act-1',
      teamId: 'team-1',
    });

    const stored = async (table: string) =>
      (
        (await db.dataSource.query(`SELECT youth_ref FROM ${table} WHERE youth_ref = ANY ($1) ORDER BY 1`, [
          [x, erased, y],
        ])) as { youth_ref: string }[]
      ).map((r) => r.youth_ref);
    expect(await stored('waitlist_entry_state')).toEqual([x, y].sort());
    expect(await stored('youth_municipality')).toEqual([x, y].sort());
    const facts = (await db.dataSource.query(
      `SELECT subject FROM impact_fact WHERE measure = 'offered_youngsters' ORDER BY subject`,
    )) as { subject: string }[];
    const month = monthOf(new Date());
    expect(facts.map((f) => f.subject)).toContain(`${x}:${month}`);
    expect(facts.map((f) => f.subject).join()).not.toContain(erased);

    // The impact counts both youngsters (aggregates stay as they were), each measure once per offer.
    const counters = (await db.dataSource.query(
      `SELECT measure, count FROM impact_counter WHERE municipality_code = 'GM0363' AND month = $1 ORDER BY 1`,
      [month],
    )) as { measure: string; count: number }[];
    expect(counters.filter((c) => c.measure !== 'entered_with_consent')).toEqual([
      { measure: 'first_offers', count: 2 },
      { measure: 'offered_youngsters', count: 2 },
      { measure: 'offers', count: 2 },
    ]);
    // The three entries count as entered with consent (with the file's other entries in GM0363).
    expect(counters.find((c) => c.measure === 'entered_with_consent')?.count).toBeGreaterThanOrEqual(3);
    expect((await recordsCounted('recorded')) - before.recorded).toBe(5);
    expect(await recordsCounted('skipped')).toBe(1);
    expect(
      logLines()
        .slice(before.logged)
        .filter((l) => l.level !== 'info'),
    ).toEqual([]);
  });

  it('counts a confirmation read while its request is being recorded on the other topic for that request', async () => {
    const youthRef = aYouthRef();
    const requestId = randomUUID();
    /** A privacy record as the monitor reads it (the database is all this test needs). */
    const privacyRecord = (topic: string, type: string, source: string, id: string, data: object) =>
      ({
        topic,
        partition: 0,
        offset: String(randomInt(1_000_000, 2_000_000_000)),
        key: Buffer.from(youthRef),
        value: Buffer.from(
          JSON.stringify({ specversion: '1.0', id, source, type, time: new Date().toISOString(), data }),
        ),
        headers: { 'content-type': Buffer.from('application/cloudevents+json') },
        timestamp: String(Date.now()),
      }) satisfies IncomingMessage;
    const request = privacyRecord(
      TOPICS.jeugdzorgPrivacy,
      PRIVACY_EVENT_TYPES.erasureRequested,
      'urn:jeugdzorg:intake:test',
      requestId,
      { youthRef, requestedAt: new Date().toISOString() },
    );
    const confirmation = privacyRecord(
      TOPICS.privacy,
      PRIVACY_EVENT_TYPES.erased,
      'urn:samenspel:referral',
      randomUUID(),
      { youthRef, service: 'referral', erasedAt: new Date().toISOString() },
    );
    const record = async (em: EntityManager, m: IncomingMessage) => {
      const command = new RecordChunkCommand({ clusterId: 'test-cluster', records: [m] });
      const [outcome] = await ledger.recordChunk.execute(command, unitOfWork(em, ledger.outbox));
      expect(outcome).toBe('recorded');
    };
    const advisoryLocks = async () =>
      (
        (await db.dataSource.query(
          `SELECT count(*) FILTER (WHERE granted)::int AS held, count(*) FILTER (WHERE NOT granted)::int AS waiting
             FROM pg_locks WHERE locktype = 'advisory' AND database = (
               SELECT oid FROM pg_database WHERE datname = current_database())`,
        )) as { held: number; waiting: number }[]
      )[0];

    // The request's transaction is still open when the confirmation is read from the other topic.
    let commitRequest!: () => void;
    const requestMayCommit = new Promise<void>((resolve) => (commitRequest = resolve));
    const recordingRequest = db.dataSource.transaction(async (em) => {
      await record(em, request);
      await requestMayCommit;
    });
    await waitFor(async () => (await advisoryLocks()).held > 0, {
      timeoutMs: 10000,
      description: "the request's transaction holds the youngster's erasure lock",
    });
    const recordingConfirmation = db.dataSource.transaction((em) => record(em, confirmation));
    await waitFor(async () => (await advisoryLocks()).waiting === 1, {
      timeoutMs: 10000,
      description: 'the confirmation waits for the request',
    });
    commitRequest();
    await Promise.all([recordingRequest, recordingConfirmation]);

    // Counted for the request, not left waiting under the digest (where nothing would adopt it).
    const confirmations = (await db.dataSource.query(
      `SELECT request_id, youth_ref_digest IS NOT NULL AS waiting FROM erasure_confirmation WHERE service = 'referral'`,
    )) as { request_id: string | null; waiting: boolean }[];
    expect(confirmations).toEqual([{ request_id: requestId, waiting: false }]);
  });
});
