/**
 * The whole system as `npm start` runs it (the compiled services, each `node dist/apps/<name>/src/main.js`
 * with its own port, database and consumer group), but isolated for a benchmark: a private Kafka
 * broker of deploy/kafka.sh on its own ports and data directory, and a fresh database per service.
 * So old data never interferes, and the bench's hundreds of thousands of events never land on the
 * shared development broker's topics, where a later `npm start` would read them from the beginning.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SERVICES, type ServiceName } from '@samenspel/bootstrap';
import { KafkaJsBroker } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { dropDatabase, waitFor } from '@samenspel/testing';
import { Client } from 'pg';
import { ROOT, run } from './bench-support';

const BENCH_CACHE = resolve(ROOT, '.cache', 'bench');
const KAFKA_SCRIPT = resolve(ROOT, 'deploy', 'kafka.sh');

/** A Kafka broker of the bench's own, or the one in BENCH_KAFKA_BROKERS. */
export interface BenchKafka {
  brokers: string;
  /** Runs one of Kafka's own tools (`deploy/kafka.sh tool <class> …`) against this broker's install. */
  tool(args: string[], options?: { timeout?: number }): Promise<{ stdout: string; stderr: string }>;
  /** Whether the bench's topics are private (a broker of its own) or shared (an existing broker). */
  private: boolean;
  /** The private broker's process id (for its CPU time). */
  pid?: number;
  stop(): Promise<void>;
}

export async function startKafka(stamp: string, log: (line: string) => void): Promise<BenchKafka> {
  const version = process.env.KAFKA_VERSION ?? '4.1.1';
  const external = process.env.BENCH_KAFKA_BROKERS;
  // Fetch (idempotent) into the shared cache, then point the private cache's lib at it.
  await run('bash', [KAFKA_SCRIPT, 'fetch'], { cwd: ROOT, timeout: 15 * 60 * 1000 });
  const lib = resolve(BENCH_CACHE, 'kafka', version, 'lib');
  mkdirSync(resolve(lib, '..'), { recursive: true });
  if (!existsSync(lib)) symlinkSync(resolve(ROOT, '.cache', 'kafka', version, 'lib'), lib);
  const port = Number(process.env.BENCH_KAFKA_PORT ?? 19092);
  const data = resolve(BENCH_CACHE, `kafka-data-${stamp}`);
  const env = {
    ...process.env,
    KAFKA_BROKERS: '',
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(port + 1),
    SAMENSPEL_CACHE: BENCH_CACHE,
    KAFKA_DATA_DIR: data,
    KAFKA_RUN_DIR: resolve(BENCH_CACHE, 'kafka', 'run'),
  };
  const tool = (args: string[], options: { timeout?: number } = {}) =>
    run('bash', [KAFKA_SCRIPT, 'tool', ...args], {
      cwd: ROOT,
      env,
      maxBuffer: 16 * 1024 * 1024,
      timeout: options.timeout ?? 10 * 60 * 1000,
    });
  if (external) {
    log(`using the broker in BENCH_KAFKA_BROKERS=${external} (its topics get the bench's events)`);
    return { brokers: external, tool, private: false, stop: async () => {} };
  }
  // deploy/kafka.sh would use a broker that already answers; its old topics and offsets would not be fresh.
  const status = await run('bash', [KAFKA_SCRIPT, 'status'], { cwd: ROOT, env }).catch(() => ({
    stdout: 'down',
  }));
  if (status.stdout.trim() === 'up') {
    throw new Error(
      `a broker already answers on 127.0.0.1:${port} (left by an earlier bench?): stop it with ` +
        `SAMENSPEL_CACHE=.cache/bench KAFKA_PORT=${port} bash deploy/kafka.sh stop, or set BENCH_KAFKA_PORT`,
    );
  }
  log(`starting a private Kafka broker on 127.0.0.1:${port} (data in ${data})`);
  await run('bash', [KAFKA_SCRIPT, 'start'], { cwd: ROOT, env, timeout: 5 * 60 * 1000 });
  return {
    brokers: `127.0.0.1:${port}`,
    tool,
    private: true,
    pid: Number(readFileSync(resolve(env.KAFKA_RUN_DIR, 'kafka.pid'), 'utf8').trim()),
    stop: async () => {
      await run('bash', [KAFKA_SCRIPT, 'stop'], { cwd: ROOT, env, timeout: 2 * 60 * 1000 });
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * The compiled tree the services run from: by default the bench compiles its own copy
 * (`tsc -p tsconfig.build.json`, as `npm start` does, into .cache/bench/dist), so that a build of
 * dist/ by someone else at the same moment cannot pull the ground from under a run.
 * BENCH_DIST=dist runs from the README's dist/ as it is.
 */
export async function buildServices(
  log: (line: string) => void,
): Promise<{ dist: string; register: string }> {
  const dist = resolve(ROOT, process.env.BENCH_DIST ?? resolve(BENCH_CACHE, 'dist'));
  if (!process.env.BENCH_DIST && process.env.BENCH_SKIP_BUILD !== '1') {
    log(`compiling the services into ${dist}`);
    await run(
      process.execPath,
      [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dist],
      {
        cwd: ROOT,
        timeout: 10 * 60 * 1000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  }
  if (!existsSync(resolve(dist, 'libs', 'bootstrap', 'src', 'index.js'))) {
    throw new Error(`no compiled services in ${dist}`);
  }
  // scripts/register-paths.js, pointed at this tree.
  const register = resolve(BENCH_CACHE, 'register-paths.js');
  mkdirSync(BENCH_CACHE, { recursive: true });
  writeFileSync(
    register,
    `require(${JSON.stringify(require.resolve('tsconfig-paths'))}).register(${JSON.stringify({
      baseUrl: dist,
      paths: { '@samenspel/*': ['libs/*/src'] },
    })});\n`,
  );
  return { dist, register };
}

export interface BenchService {
  name: ServiceName;
  port: number;
  baseUrl: string;
  database: string;
  groupId: string;
  child?: ChildProcess;
  /** Process id of the running service, for /proc/<pid>/status. */
  pid(): number;
}

export interface SystemOptions {
  stamp: string;
  brokers: string;
  databaseUrl: string;
  /** A shared broker: give every service a consumer group of its own. */
  ownGroups: boolean;
  dist: string;
  register: string;
  log: (line: string) => void;
}

/** The five services, started, stopped and restarted together on the same databases and groups. */
export class BenchSystem {
  readonly services: BenchService[];
  private readonly logDir = resolve(BENCH_CACHE, 'logs');
  private readonly clients = new Map<string, Client>();

  constructor(private readonly options: SystemOptions) {
    const base = Number(process.env.BENCH_PORT_BASE ?? 3100);
    this.services = SERVICES.map((s): BenchService => ({
      name: s.name,
      // The standard ports plus an offset (3100-3104 by default), so a running `npm start` is left alone.
      port: base + (s.port - 3000),
      baseUrl: `http://127.0.0.1:${base + (s.port - 3000)}`,
      database: `bench_${options.stamp}_${s.database.replace(/^samenspel_/, '')}`,
      groupId: options.ownGroups ? `samenspel-bench-${options.stamp}-${s.name}` : s.groupId,
      pid(this: BenchService) {
        if (!this.child?.pid || this.child.exitCode !== null) throw new Error(`${this.name} is not running`);
        return this.child.pid;
      },
    }));
  }

  get databaseUrl(): string {
    return this.options.databaseUrl;
  }

  service(name: ServiceName): BenchService {
    return this.services.find((s) => s.name === name)!;
  }

  /** Starts every service at once (as scripts/start.js does) and resolves when all are ready. */
  async start(): Promise<void> {
    const started = Date.now();
    mkdirSync(this.logDir, { recursive: true });
    const activity = this.service('activity');
    const cpuProfiled = (process.env.BENCH_CPU_PROF ?? '').split(',').map((n) => n.trim());
    for (const s of this.services) {
      const log = openSync(resolve(this.logDir, `${this.options.stamp}-${s.name}.log`), 'a');
      s.child = spawn(
        process.execPath,
        [
          // as scripts/start.js and deploy/Dockerfile
          '--max-semi-space-size=8',
          `--max-old-space-size=${process.env.SERVICE_HEAP_LIMIT_MIB || '96'}`,
          ...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []),
          // BENCH_CPU_PROF=waitlist-bridging,activity: a V8 CPU profile of those services, written when they stop.
          ...(cpuProfiled.includes(s.name)
            ? ['--cpu-prof', `--cpu-prof-dir=${resolve(BENCH_CACHE, 'profiles')}`]
            : []),
          '-r',
          this.options.register,
          resolve(this.options.dist, 'apps', s.name, 'src', 'main.js'),
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            PORT: String(s.port),
            DATABASE_URL: this.options.databaseUrl,
            DATABASE_NAME: s.database,
            KAFKA_BROKERS: this.options.brokers,
            KAFKA_GROUP_ID: s.groupId,
            ACTIVITY_URL: activity.baseUrl,
            PUBLIC_BASE_URL: this.service('notification').baseUrl,
            LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
          },
          stdio: ['ignore', log, log],
        },
      );
    }
    await Promise.all(
      this.services.map((s) => {
        const child = s.child!;
        const exited = new Promise<never>((_, reject) =>
          child.once('exit', (code, signal) =>
            reject(new Error(`${s.name} exited (${signal ?? code}); see ${this.logFile(s)}`)),
          ),
        );
        const ready = waitFor(
          async () => (await fetch(`${s.baseUrl}/health/ready`).catch(() => undefined))?.ok === true,
          { timeoutMs: 180000, intervalMs: 250, description: `${s.name} ready on ${s.baseUrl}` },
        );
        exited.catch(() => undefined);
        return Promise.race([ready, exited]);
      }),
    );
    this.options.log(`  services ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  /** SIGTERM to every service (a graceful stop: handlers finish, outbox flushed), and wait. */
  async stop(): Promise<void> {
    await Promise.all(
      this.services.map(async (s) => {
        const child = s.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  /** Stops the services and drops their databases. */
  async dispose(): Promise<void> {
    await this.closeClients();
    await this.stop();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = this.options.databaseUrl;
    try {
      for (const s of this.services) await dropDatabase(s.database);
    } finally {
      process.env.DATABASE_URL = previous;
    }
  }

  logFile(s: BenchService): string {
    return resolve(this.logDir, `${this.options.stamp}-${s.name}.log`);
  }

  /**
   * Outbox rows not yet relayed, over every service. One connection per database, kept for the
   * whole run: the bench asks often, and a shared PostgreSQL may be near max_connections.
   */
  async outboxBacklog(): Promise<number> {
    let total = 0;
    for (const s of this.services) {
      let client = this.clients.get(s.database);
      if (!client) {
        const url = new URL(this.options.databaseUrl);
        url.pathname = `/${s.database}`;
        client = new Client({ connectionString: url.toString(), application_name: 'samenspel-bench' });
        client.on('error', () => this.clients.delete(s.database));
        await client.connect();
        this.clients.set(s.database, client);
      }
      try {
        const [row] = (
          await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL`,
          )
        ).rows;
        total += row.n;
      } catch (error) {
        this.clients.delete(s.database);
        await client.end().catch(() => undefined);
        throw error;
      }
    }
    return total;
  }

  /**
   * Waits until the system has worked off everything it was given: every service's consumer group
   * has zero lag on every partition (offsets are committed at most 500 ms after handling) and every
   * outbox is relayed.
   */
  async waitUntilQuiet(timeoutMs: number): Promise<void> {
    const broker = new KafkaJsBroker(this.options.brokers.split(','), createLogger('bench-lag', 'warn'));
    const admin = await broker.admin('samenspel-bench-lag');
    try {
      await waitFor(
        async () => {
          for (const s of this.services) {
            const lag = await admin.consumerLag(s.groupId);
            if (lag.some((p) => p.lag > 0)) return false;
          }
          return (await this.outboxBacklog()) === 0;
        },
        { timeoutMs, intervalMs: 200, description: 'zero lag in every group and empty outboxes' },
      );
    } finally {
      await admin.disconnect();
    }
  }

  private async closeClients(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/** Resident memory of a process in MiB (VmRSS of /proc/<pid>/status). */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb[1]) / 1024;
}
