import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { InboxEventEntity, MessagingCore1764201600000, OutboxEventEntity } from '@samenspel/messaging';
import {
  createTestDatabase,
  REPO_ROOT,
  ServiceProcess,
  TestKafka,
  type TestDatabase,
} from '@samenspel/testing';
import { LEDGER_CREDITED } from '../../../test/fixtures/ledger/ledger.contract';
import { LedgerFixture1764201700000 } from '../../../test/fixtures/ledger/ledger.migration';

export const LEDGER_SERVICE = resolve(REPO_ROOT, 'test/fixtures/ledger/ledger-service.ts');

/** One isolated world per test: its own topics, database and consumer group. */
export interface LedgerWorld {
  kafka: TestKafka;
  db: TestDatabase;
  inTopic: string;
  outTopic: string;
  groupId: string;
  start(instance?: string, extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  /** Everything the world started, stopped and dropped. */
  dispose(): Promise<void>;
}

/**
 * For a file whose tests each start their own ledger world: answers a function that makes the
 * current test's, and disposes of it after the test, passed or failed.
 */
export function aLedgerWorldPerTest(): (name: string) => Promise<LedgerWorld> {
  let current: LedgerWorld | undefined;
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return async (name) => (current = await ledgerWorld(name));
}

export async function ledgerWorld(name: string): Promise<LedgerWorld> {
  const kafka = new TestKafka();
  const [inTopic, outTopic] = [
    await kafka.createTopic(`test.${name}.in`),
    await kafka.createTopic(`test.${name}.out`),
  ];
  const db = await createTestDatabase(name, {
    entities: [OutboxEventEntity, InboxEventEntity],
    migrations: [MessagingCore1764201600000, LedgerFixture1764201700000],
  });
  const groupId = `samenspel-ledger-${randomUUID().slice(0, 8)}`;
  const processes: ServiceProcess[] = [];
  return {
    kafka,
    db,
    inTopic,
    outTopic,
    groupId,
    async start(instance = 'ledger-1', extraEnv = {}) {
      const proc = await ServiceProcess.start(LEDGER_SERVICE, {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
        LEDGER_TOPIC: inTopic,
        LEDGER_OUT_TOPIC: outTopic,
        GROUP_ID: groupId,
        INSTANCE: instance,
        ...extraEnv,
      });
      processes.push(proc);
      return proc;
    },
    async dispose() {
      await Promise.all(processes.map((p) => p.stop('SIGKILL')));
      await kafka.close();
      await db.drop();
    },
  };
}

/** A structured-mode CloudEvent as an intake system would produce it with a plain producer. */
export function credit(
  youthRef: string,
  seq: number,
  extra: Record<string, unknown> = {},
  id = randomUUID(),
) {
  return {
    key: youthRef,
    value: JSON.stringify({
      specversion: '1.0',
      id,
      source: 'urn:samenspel:test:producer',
      type: LEDGER_CREDITED,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { youthRef, seq, amount: 1, ...extra },
    }),
    headers: { 'content-type': 'application/cloudevents+json' },
  };
}

export async function ledgerRows(
  db: TestDatabase,
): Promise<{ event_id: string; youth_ref: string; seq: number; instance: string }[]> {
  return db.dataSource.query(`SELECT event_id, youth_ref, seq, instance FROM ledger_entry ORDER BY applied`);
}
