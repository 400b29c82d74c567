import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { localPostgresSettings, resolveLocalPostgres } from '../../persistence/src/local-postgres';

const run = promisify(execFile);
export const REPO_ROOT = resolve(__dirname, '../../..');
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432';

export interface Infrastructure {
  kafkaBrokers: string;
  databaseUrl: string;
  /** How it was found: env, testcontainers or the local deploy script. */
  origin: 'env' | 'testcontainers' | 'local';
  /** Which PostgreSQL, in words, with its password masked. */
  postgres: string;
  stop(): Promise<void>;
}

/**
 * Finds or starts the real broker and database for integration tests, in this order:
 * 1. KAFKA_BROKERS and DATABASE_URL from the environment;
 * 2. testcontainers, where a Docker engine answers;
 * 3. the local broker of deploy/kafka.sh, and PostgreSQL by the rule `npm start` follows: DATABASE_URL,
 *    else one answering on 127.0.0.1:5432, else the embedded one (libs/persistence local-postgres).
 */
export async function resolveInfrastructure(env = process.env): Promise<Infrastructure> {
  if (env.KAFKA_BROKERS && env.DATABASE_URL) {
    return {
      kafkaBrokers: env.KAFKA_BROKERS,
      databaseUrl: env.DATABASE_URL,
      origin: 'env',
      postgres: 'DATABASE_URL',
      stop: async () => {},
    };
  }
  if (await dockerAvailable()) return startContainers(env);
  return startLocal(env);
}

async function dockerAvailable(): Promise<boolean> {
  if (!existsSync('/var/run/docker.sock') && !process.env.DOCKER_HOST) return false;
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainers(env: NodeJS.ProcessEnv): Promise<Infrastructure> {
  // Loaded lazily: only where a Docker engine exists.
  const { GenericContainer, Wait } = await import('testcontainers');
  const postgres = env.DATABASE_URL
    ? undefined
    : await new GenericContainer('postgres:16-alpine')
        .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
        .withExposedPorts(5432)
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
        .start();
  const kafka = env.KAFKA_BROKERS
    ? undefined
    : await new GenericContainer('apache/kafka:4.1.1')
        .withExposedPorts({ container: 9092, host: 19092 })
        .withEnvironment({
          KAFKA_NODE_ID: '1',
          KAFKA_PROCESS_ROLES: 'broker,controller',
          KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
          KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:19092',
          KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
          KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
          KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
          KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
          KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        })
        .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
        .start();
  return {
    kafkaBrokers: env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    databaseUrl:
      env.DATABASE_URL ?? `postgres://postgres@${postgres!.getHost()}:${postgres!.getMappedPort(5432)}`,
    origin: 'testcontainers',
    postgres: env.DATABASE_URL ? 'DATABASE_URL' : 'a postgres:16-alpine container',
    stop: async () => {
      await kafka?.stop();
      await postgres?.stop();
    },
  };
}

async function startLocal(env: NodeJS.ProcessEnv): Promise<Infrastructure> {
  const script = resolve(REPO_ROOT, 'deploy/kafka.sh');
  const { stdout } = await run('bash', [script, 'status'], { cwd: REPO_ROOT }).catch(() => ({
    stdout: 'down',
  }));
  const alreadyUp = stdout.trim() === 'up';
  const kafka = alreadyUp
    ? Promise.resolve()
    : run('bash', [script, 'start'], {
        cwd: REPO_ROOT,
        timeout: 10 * 60 * 1000,
        env: { ...env, KAFKA_BROKERS: '' },
      });
  const postgres = await resolveLocalPostgres(localPostgresSettings(env, join(REPO_ROOT, '.cache')), (line) =>
    process.stdout.write(`[test harness] ${line}\n`),
  );
  await kafka;
  return {
    kafkaBrokers: env.KAFKA_BROKERS || `127.0.0.1:${env.KAFKA_PORT || 9092}`,
    databaseUrl: postgres.url,
    origin: 'local',
    postgres: postgres.description,
    // What was up before the tests stays up; what the tests started is stopped.
    stop: async () => {
      if (!alreadyUp && env.KEEP_KAFKA !== '1') await run('bash', [script, 'stop'], { cwd: REPO_ROOT });
      await postgres.stop();
    },
  };
}
