// Jest loads global setup outside its module mapper, so this file imports only by relative path.
import { allTopicSpecs, TOPIC_SPECS } from '../../contracts/src/topics';
import { KafkaJsBroker } from '../../messaging/src/broker/kafkajs-broker';
import { createLogger } from '../../observability/src/logger';
import { resolveInfrastructure } from './infrastructure';

/** Jest global setup for integration tests: real Kafka and PostgreSQL, and every Samenspel topic. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const infra = await resolveInfrastructure();
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  (globalThis as { __SAMENSPEL_INFRA__?: typeof infra }).__SAMENSPEL_INFRA__ = infra;
  const broker = new KafkaJsBroker(infra.kafkaBrokers.split(','), createLogger('test-harness', 'error'));
  const admin = await broker.admin('samenspel-test-setup');
  try {
    await admin.ensureTopics(allTopicSpecs(TOPIC_SPECS));
  } finally {
    await admin.disconnect();
  }
  process.stdout.write(
    `\n[test harness] Kafka ${infra.kafkaBrokers} (${infra.origin}) and ${infra.postgres}, ready in ${Date.now() - started} ms\n`,
  );
}
