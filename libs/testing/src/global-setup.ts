// Jest loads global setup outside its module mapper, so this file imports only by relative path.
import { Kafka, logLevel } from 'kafkajs';
import { allTopicSpecs, TOPIC_SPECS } from '../../contracts/src/topics';
import { resolveInfrastructure } from './infrastructure';

/** Jest global setup for integration tests: real Kafka and PostgreSQL, and every Samenspel topic. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const infra = await resolveInfrastructure();
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  (globalThis as { __SAMENSPEL_INFRA__?: typeof infra }).__SAMENSPEL_INFRA__ = infra;
  const admin = new Kafka({
    clientId: 'samenspel-test-setup',
    brokers: infra.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopicSpecs(TOPIC_SPECS).filter((t) => !existing.has(t.name));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }],
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
  process.stdout.write(
    `\n[test harness] Kafka ${infra.kafkaBrokers} and PostgreSQL ${infra.databaseUrl} (${infra.origin}), ready in ${Date.now() - started} ms\n`,
  );
}
