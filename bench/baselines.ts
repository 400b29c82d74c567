/**
 * Baselines measured on the same machine in the same run, so that our figures can be read as
 * ratios: raw Kafka (Kafka's own producer perf tool, our event size, acks=all) and raw
 * PostgreSQL (pgbench with one transaction shaped like our inbox + state + outbox write).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { measurement, run, type Measurement } from './bench-support';
import { enteredEvent } from './synthetic-event';
import type { BenchKafka } from './system';

export async function kafkaProducerBaseline(
  kafka: BenchKafka,
  runs: number,
  records = 100000,
): Promise<Measurement> {
  const brokers = kafka.brokers;
  const size = Buffer.byteLength(JSON.stringify(enteredEvent(0)));
  const results: number[] = [];
  for (let i = 0; i < runs; i++) {
    const topic = `bench.baseline.${Date.now()}.${i}`;
    await kafka.tool([
      'org.apache.kafka.tools.TopicCommand',
      '--bootstrap-server',
      brokers,
      '--create',
      '--topic',
      topic,
      '--partitions',
      '6',
    ]);
    const { stdout } = await kafka.tool([
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(size),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${brokers}`,
      'acks=all',
      'enable.idempotence=true',
    ]);
    const last = stdout.trim().split('\n').pop() ?? '';
    const perSecond = /([\d.]+) records\/sec/.exec(last);
    if (!perSecond) throw new Error(`unexpected producer perf output: ${last}`);
    results.push(Number(perSecond[1]));
    await kafka.tool([
      'org.apache.kafka.tools.TopicCommand',
      '--bootstrap-server',
      brokers,
      '--delete',
      '--topic',
      topic,
    ]);
  }
  return measurement(
    'raw Kafka produce (perf tool, acks=all)',
    'events/s',
    results,
    `${records} records of ${size} bytes`,
  );
}

export async function postgresBaseline(serverUrl: string, runs: number, seconds = 10): Promise<Measurement> {
  const database = `bench_pgbench_${Date.now()}`;
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const db = new Client({ connectionString: `${serverUrl}/${database}` });
  await db.connect();
  await db.query(`
    CREATE TABLE inbox (consumer text, source text, event_id text, PRIMARY KEY (consumer, source, event_id));
    CREATE TABLE entry (id text PRIMARY KEY, youth_ref text, status text, updated_at timestamptz);
    CREATE TABLE outbox (position bigserial PRIMARY KEY, event_key text, payload jsonb, sent_at timestamptz);`);
  await db.end();
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const script = join(dir, 'flow.sql');
  const payload = JSON.stringify(enteredEvent(0)).replace(/'/g, "''");
  writeFileSync(
    script,
    [
      '\\set n random(1, 1000000000)',
      'BEGIN;',
      "INSERT INTO inbox VALUES ('bench', 'urn:bench', :n || '-' || :client_id) ON CONFLICT DO NOTHING;",
      "INSERT INTO entry VALUES (:n || '-' || :client_id, 'yr_bench', 'offered', now()) ON CONFLICT (id) DO UPDATE SET status = 'offered';",
      'SELECT pg_advisory_xact_lock(hashtext(:n::text));',
      `INSERT INTO outbox (event_key, payload) VALUES (:n::text, '${payload}');`,
      "SELECT pg_notify('bench', '');",
      'COMMIT;',
    ].join('\n'),
  );
  const url = new URL(serverUrl);
  const results: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { stdout } = await run('pgbench', [
        '-n',
        '-c',
        '8',
        '-j',
        '2',
        '-T',
        String(seconds),
        '-f',
        script,
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        url.username || 'postgres',
        database,
      ]);
      const tps = /tps = ([\d.]+)/.exec(stdout);
      if (!tps) throw new Error(`unexpected pgbench output: ${stdout}`);
      results.push(Number(tps[1]));
    }
  } finally {
    await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
  }
  return measurement(
    'raw PostgreSQL inbox+state+outbox tx (pgbench, 8 clients)',
    'tx/s',
    results,
    `${seconds} s each`,
  );
}
