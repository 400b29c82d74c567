// Jest loads global setup outside its module mapper, so this file imports only by relative path.
import { allTopicSpecs, TOPIC_SPECS } from '../../contracts/src/topics';
import { KafkaJsBroker } from '../../messaging/src/broker/kafkajs-broker';
import { createLogger } from '../../observability/src/logger';
import { resolveInfrastructure } from './infrastructure';
import { useTestIdentityProvider } from './test-identity-provider';

/**
 * Jest global setup for integration tests: real Kafka and PostgreSQL, every Samenspel topic, and
 * the development identity provider, whose JWKS the services verify tokens with and whose key the
 * tests sign with (through the environment the services and test files inherit).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const [infra, identityProvider] = await Promise.all([resolveInfrastructure(), useTestIdentityProvider()]);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  const state = globalThis as {
    __SAMENSPEL_INFRA__?: typeof infra;
    __SAMENSPEL_IDP__?: typeof identityProvider;
  };
  state.__SAMENSPEL_INFRA__ = infra;
  state.__SAMENSPEL_IDP__ = identityProvider;
  const broker = new KafkaJsBroker(infra.kafkaBrokers.split(','), createLogger('test-harness', 'error'));
  const admin = await broker.admin('samenspel-test-setup');
  try {
    await admin.ensureTopics(allTopicSpecs(TOPIC_SPECS));
  } finally {
    await admin.disconnect();
  }
  process.stdout.write(
    `\n[test harness] Kafka ${infra.kafkaBrokers} (${infra.origin}), ${infra.postgres} and the identity provider ${identityProvider.issuer}, ready in ${Date.now() - started} ms\n`,
  );
}
