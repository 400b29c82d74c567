/**
 * Prepares what the services need before they start: every topic (with its .dlq) and every
 * service's database. Idempotent. Each service also runs its own migrations at start-up.
 */
import { SERVICES } from '@samenspel/bootstrap';
import { allTopicSpecs, TOPIC_SPECS } from '@samenspel/contracts';
import { KafkaJsBroker } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { DEFAULT_DATABASE_URL, ensureDatabase } from '@samenspel/persistence';

export async function provision(env = process.env): Promise<{ topics: string[]; databases: string[] }> {
  const logger = createLogger('provision', env.LOG_LEVEL ?? 'warn');
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const databases: string[] = [];
  for (const service of SERVICES) {
    if (await ensureDatabase(databaseUrl, service.database)) databases.push(service.database);
  }
  const broker = new KafkaJsBroker((env.KAFKA_BROKERS || '127.0.0.1:9092').split(','), logger);
  const admin = await broker.admin('samenspel-provision');
  try {
    const topics = await admin.ensureTopics(allTopicSpecs(TOPIC_SPECS));
    return { topics, databases };
  } finally {
    await admin.disconnect();
  }
}

if (require.main === module) {
  provision().then(
    ({ topics, databases }) => {
      process.stdout.write(`created ${topics.length} topics and ${databases.length} databases\n`);
    },
    (error: unknown) => {
      process.stderr.write(`provisioning failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
