import { randomBytes } from 'node:crypto';
import type { Principal } from '@samenspel/http';
import { samenspelContracts } from '@samenspel/contracts';
import { KafkaJsBroker, Outbox, UnitsOfWork } from '@samenspel/messaging';
import { NoteCipher } from '@samenspel/persistence';
import { createLogger } from '@samenspel/observability';
import { createTestDatabase, TestKafka, waitFor, type TestDatabase } from '@samenspel/testing';
import { OpsSchema } from '../../../migrations';
import { OpsKafka } from '../../../shared/ops-kafka';
import type { OpsSettings } from '../../../config/ops-settings';
import { DeadLetterCopySweeper } from '../../dead-letter-copy-sweeper';
import { DeadLettersRepository } from '../../dead-letters.repository';
import { ResolveDeadLetterCommand } from '../resolve-dead-letter/resolve-dead-letter.command';
import { ResolveDeadLetter } from '../resolve-dead-letter/resolve-dead-letter.usecase';
import { ReplayDeadLettersCommand } from './replay-dead-letters.command';
import { ReplayDeadLetters } from './replay-dead-letters.usecase';

describe('replaying and resolving dead letters (real PostgreSQL, real broker)', () => {
  const logger = createLogger('ops-replay-test', 'silent');
  let db: TestDatabase;
  let kafka: TestKafka;
  let originalTopic: string;
  let opsKafka: OpsKafka;
  let units: UnitsOfWork;
  let sut: ReplayDeadLetters;
  let resolver: ResolveDeadLetter;
  const jan: Principal = { sub: 'ops-jan', role: 'ops' };

  /** Replays the dead letters as jan, in a unit of work of its own as the API does. */
  const replay = (ids: string[], replayer = sut) =>
    units.run((uow) => replayer.execute(new ReplayDeadLettersCommand({ principal: jan, ids }), uow));
  const resolve = (id: string, note: string) =>
    units.run((uow) => resolver.execute(new ResolveDeadLetterCommand({ principal: jan, id, note }), uow));

  beforeAll(async () => {
    db = await createTestDatabase('ops_replay', { entities: [], migrations: OpsSchema });
    kafka = new TestKafka();
    originalTopic = await kafka.createTopic('test.ops.replay');
    opsKafka = new OpsKafka(
      new KafkaJsBroker((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logger),
      'test',
    );
    const repository = new DeadLettersRepository();
    units = new UnitsOfWork(db.dataSource, new Outbox('urn:samenspel:ops-console', samenspelContracts()));
    sut = new ReplayDeadLetters(repository, opsKafka);
    resolver = new ResolveDeadLetter(repository, new NoteCipher({ id: 'k1', key: randomBytes(32) }));
  });
  afterAll(async () => {
    await opsKafka?.close();
    await kafka?.close();
    await db?.drop();
  });

  async function aDeadLetter(offset: number, headers: Record<string, string> = {}): Promise<string> {
    const [row] = (await db.dataSource.query(
      `INSERT INTO dead_letter (cluster_id, topic, partition, "offset", original_topic, original_partition,
         original_offset, reason, record_key, record_value, record_headers)
       VALUES ('test-cluster', $4 || '.dlq', 1, $1, $4, 4, 10, 'handler-failed: boom', 'yr_abcdefgh01', $2, $3)
       RETURNING id`,
      [
        offset,
        Buffer.from('{"specversion":"1.0"}'),
        JSON.stringify({
          'content-type': 'application/cloudevents+json',
          'dlq-reason': 'handler-failed: boom',
          ...headers,
        }),
        originalTopic,
      ],
    )) as { id: string }[];
    return row.id;
  }

  it('sends the original record to the original topic with replayed-from headers and audits who did it', async () => {
    const id = await aDeadLetter(1);
    await replay([id]);
    const [record] = await waitFor(async () => {
      const records = await kafka.readAll(originalTopic);
      return records.length === 1 && records;
    });
    expect(record.key).toBe('yr_abcdefgh01');
    expect(record.value).toBe('{"specversion":"1.0"}');
    expect(record.headers).toEqual({
      'content-type': 'application/cloudevents+json',
      'replayed-from-topic': `${originalTopic}.dlq`,
      'replayed-from-partition': '1',
      'replayed-from-offset': '1',
      'replayed-at': expect.any(String),
    });
    const audit = await db.dataSource.query(
      `SELECT action, actor, actor_role, target_topic FROM dead_letter_action WHERE dead_letter_id = $1`,
      [id],
    );
    expect(audit).toEqual([
      { action: 'replay', actor: 'ops-jan', actor_role: 'ops', target_topic: originalTopic },
    ]);
  });

  it('records no audit and keeps the dead letter open when the broker does not take the replay', async () => {
    const id = await aDeadLetter(2);
    // A real client against a port where no broker listens: the send fails as with a broker outage.
    const unreachable = new OpsKafka(new KafkaJsBroker(['127.0.0.1:1'], logger), 'test-unreachable');
    const failing = new ReplayDeadLetters(new DeadLettersRepository(), unreachable);
    await expect(replay([id], failing)).rejects.toThrow();
    await unreachable.close();
    const [row] = await db.dataSource.query(`SELECT status, replay_count FROM dead_letter WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ status: 'open', replay_count: 0 });
    const audit = await db.dataSource.query(`SELECT * FROM dead_letter_action WHERE dead_letter_id = $1`, [
      id,
    ]);
    expect(audit).toEqual([]);
  });

  it('refuses to replay a resolved dead letter, whose record copy is gone', async () => {
    const id = await aDeadLetter(3);
    await resolve(id, 'duplicate of an earlier event');
    const [row] = await db.dataSource.query(
      `SELECT status, record_value, resolved_by, resolution_note FROM dead_letter WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: 'resolved', record_value: null, resolved_by: 'ops-jan' });
    // The free-text note is stored encrypted with the note key (id k1), never in plain text.
    expect(row.resolution_note).toMatch(/^v1\.k1\./);
    expect(row.resolution_note).not.toContain('duplicate');
    await expect(replay([id])).rejects.toMatchObject({ code: 'dead-letter-resolved' });
  });

  it('refuses to replay a dead letter with redacted fields, and replays none named with it', async () => {
    const redacted = await aDeadLetter(6, { 'dlq-redacted': '["/data/name"]' });
    const intact = await aDeadLetter(7);
    await expect(replay([intact, redacted])).rejects.toMatchObject({
      code: 'dead-letter-redacted',
      message: expect.stringContaining(`dead letter ${redacted} had fields outside the contract redacted`),
    });
    const rows = await db.dataSource.query(
      `SELECT status, replay_count FROM dead_letter WHERE id = ANY($1::uuid[])`,
      [[redacted, intact]],
    );
    expect(rows).toEqual([
      { status: 'open', replay_count: 0 },
      { status: 'open', replay_count: 0 },
    ]);
    const listed = await new DeadLettersRepository().list(db.dataSource.manager, { limit: 500, offset: 0 });
    expect(listed.items.find((d) => d.id === redacted)).toMatchObject({ redacted: true, replayable: false });
    expect(listed.items.find((d) => d.id === intact)).toMatchObject({ redacted: false, replayable: true });
  });

  it('clears record copies past their retention, keeps the dead letter and its audit, and refuses their replay', async () => {
    const old = await aDeadLetter(4);
    const recent = await aDeadLetter(5);
    // Received 31 days ago: past the 30 days of DEAD_LETTER_COPY_RETENTION_DAYS (and of the .dlq topic).
    await db.dataSource.query(
      `UPDATE dead_letter SET received_at = now() - interval '31 days' WHERE id = $1`,
      [old],
    );
    const sweeper = new DeadLetterCopySweeper(
      units,
      new DeadLettersRepository(),
      { deadLetterCopyRetentionDays: 30, deadLetterSweepIntervalMs: 3600000 } as OpsSettings,
      logger,
    );
    // Other tests' rows in this database are recent, so exactly the one old copy is cleared.
    expect(await sweeper.sweep()).toBe(1);
    const rows = (await db.dataSource.query(
      `SELECT id, status, record_key, record_value, record_headers, copy_expired_at IS NOT NULL AS expired
       FROM dead_letter WHERE id = ANY($1::uuid[])`,
      [[old, recent]],
    )) as { id: string; status: string; record_value: Buffer | null; expired: boolean }[];
    expect(rows.find((r) => r.id === old)).toMatchObject({
      status: 'open',
      record_key: null,
      record_value: null,
      record_headers: null,
      expired: true,
    });
    expect(rows.find((r) => r.id === recent)).toMatchObject({ status: 'open', expired: false });
    expect(rows.find((r) => r.id === recent)?.record_value).toBeInstanceOf(Buffer);
    await expect(replay([old])).rejects.toMatchObject({ code: 'dead-letter-resolved' });
    const listed = await new DeadLettersRepository().list(db.dataSource.manager, { limit: 500, offset: 0 });
    expect(listed.items.find((d) => d.id === old)).toMatchObject({ replayable: false, status: 'open' });
    expect(listed.items.find((d) => d.id === recent)).toMatchObject({ replayable: true });
    // A second pass finds nothing more to clear.
    expect(await sweeper.sweep()).toBe(0);
  });
});
