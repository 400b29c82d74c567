/**
 * Outbox relay throughput: events per second while draining a backlog written through the outbox,
 * to a real broker with acks=all and an idempotent producer.
 */
import { ContractRegistry, WaitlistEnteredData } from '@samenspel/contracts';
import {
  InboxEventEntity,
  KafkaJsBroker,
  MessagingCore1764201600000,
  Outbox,
  OutboxEventEntity,
  OutboxRelay,
} from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { createTestDatabase, TestKafka, waitFor } from '@samenspel/testing';
import { measurement, type Measurement } from './bench-support';
import { enteredData } from './synthetic-event';

const BENCH_TYPE = 'nl.samenspel.bench.relayed.v1';

export async function relayThroughput(brokers: string, runs: number, backlog = 100000): Promise<Measurement> {
  const logger = createLogger('bench-relay', 'warn');
  const results: number[] = [];
  for (let i = 0; i < runs; i++) {
    const kafka = new TestKafka();
    const topic = await kafka.createTopic('bench.relay');
    const db = await createTestDatabase('bench_relay', {
      entities: [OutboxEventEntity, InboxEventEntity],
      migrations: [MessagingCore1764201600000],
    });
    try {
      const outbox = new Outbox(
        'urn:samenspel:bench',
        new ContractRegistry([{ type: BENCH_TYPE, topic, dataClass: WaitlistEnteredData }]),
      );
      for (let n = 0; n < backlog; n += 1000) {
        await db.dataSource.transaction((em) =>
          outbox.append(
            em,
            Array.from({ length: 1000 }, (_, j) => {
              const data = enteredData(n + j);
              return {
                type: BENCH_TYPE,
                key: data.youthRef,
                aggregateType: 'bench',
                aggregateId: data.waitlistEntryId,
                data,
              };
            }),
          ),
        );
      }
      const broker = new KafkaJsBroker(brokers.split(','), logger);
      const producer = await broker.producer('samenspel-bench-relay');
      const relay = new OutboxRelay(db.dataSource, producer, logger, {
        connectionString: db.url,
        leaderLockKey: 4242,
        batchSize: 1000,
        pollIntervalMs: 50,
      });
      const started = process.hrtime.bigint();
      relay.start();
      await waitFor(async () => (await relay.backlog()) === 0, {
        timeoutMs: 600000,
        intervalMs: 100,
        description: 'backlog drained',
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      results.push(backlog / seconds);
      await relay.stop();
      await producer.disconnect();
    } finally {
      await db.drop();
      await kafka.close();
    }
  }
  return measurement(
    'outbox relay draining a backlog',
    'events/s',
    results,
    `${backlog} events, batches of 1000`,
  );
}
