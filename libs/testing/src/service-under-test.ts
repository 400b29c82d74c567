import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, DEFAULT_DATABASE_URL } from './infrastructure';
import { ServiceProcess } from './service-process';
import { aUniqueName } from './synthetic';
import { waitFor } from './wait-for';

export interface ServiceUnderTest {
  name: string;
  baseUrl: string;
  port: number;
  /** The fresh database this instance uses. */
  databaseName: string;
  groupId: string;
  process: ServiceProcess;
  /** SIGTERM and wait; the database stays (call drop() for that). */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts the same service again on the same database, port and group. */
  restart(): Promise<ServiceUnderTest>;
  /** Stops the process and drops its database. */
  dispose(): Promise<void>;
}

export interface StartServiceOptions {
  env?: Record<string, string>;
  /** Reuse a database (for a second instance, or a restart); default a fresh one. */
  databaseName?: string;
  groupId?: string;
  port?: number;
}

/**
 * Starts a real service (apps/<name>/src/main.ts) as its own process on the real broker and
 * database, isolated from other tests: a fresh database, its own consumer group that starts at
 * the newest events, a free port. Resolves once /health/ready says 200 (consumers joined).
 */
export async function startService(
  name: string,
  options: StartServiceOptions = {},
): Promise<ServiceUnderTest> {
  const port = options.port ?? (await freePort());
  const databaseName = options.databaseName ?? aUniqueName(`t_${name.replace(/-/g, '_')}`).toLowerCase();
  const groupId = options.groupId ?? aUniqueName(`test-${name}`);
  const entry = resolve(REPO_ROOT, 'apps', name, 'src', 'main.ts');
  const proc = await ServiceProcess.start(
    entry,
    {
      PORT: String(port),
      DATABASE_NAME: databaseName,
      KAFKA_GROUP_ID: groupId,
      KAFKA_FROM_BEGINNING: 'false',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      // Tests poll with one token far faster than a person clicks; the rate-limit test sets its own.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...options.env,
    },
    { readyPattern: null },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${proc.logs}`);
      return (await fetch(`${baseUrl}/health/ready`)).ok;
    },
    { timeoutMs: 60000, intervalMs: 200, description: `${name} ready on ${baseUrl}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${proc.logs.slice(-4000)}`);
  });
  const sut: ServiceUnderTest = {
    name,
    baseUrl,
    port,
    databaseName,
    groupId,
    process: proc,
    stop: (signal = 'SIGTERM') => proc.stop(signal),
    restart: async () => {
      await proc.stop('SIGTERM');
      return startService(name, { ...options, databaseName, groupId, port });
    },
    dispose: async () => {
      await proc.stop('SIGKILL');
      await dropDatabase(databaseName);
    },
  };
  return sut;
}

export async function dropDatabase(name: string): Promise<void> {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
