/**
 * `npm run bench`: the measurable parts of Samenspel's performance, each a warm-up and then
 * BENCH_RUNS runs (default 3), reporting the median. Prints a table and writes JSON under
 * bench/results/ (git-ignored). Uses KAFKA_BROKERS and DATABASE_URL, or the local broker
 * (deploy/kafka.sh) and PostgreSQL.
 */
import { resolveInfrastructure } from '@samenspel/testing';
import { report } from './bench-support';
import { kafkaProducerBaseline, postgresBaseline } from './baselines';
import { relayThroughput } from './relay';

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const backlog = Number(process.env.BENCH_BACKLOG ?? 100000);
  const infra = await resolveInfrastructure();
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  try {
    process.stdout.write('warming up…\n');
    await relayThroughput(infra.kafkaBrokers, 1, Math.min(backlog, 10000));
    const kafka = await kafkaProducerBaseline(infra.kafkaBrokers, runs, backlog);
    const postgres = await postgresBaseline(infra.databaseUrl, runs);
    const relay = await relayThroughput(infra.kafkaBrokers, runs, backlog);
    relay.note = `${relay.note}; ${Math.round((relay.median / kafka.median) * 100)}% of raw Kafka`;
    process.stdout.write(report('Samenspel benchmark', [kafka, postgres, relay]) + '\n');
  } finally {
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
