import { execFile, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { KafkaJsBroker } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { REPO_ROOT, waitFor } from '@samenspel/testing';

const run = promisify(execFile);
const PG_BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A TCP port nobody listens on right now. */
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

/**
 * A Kafka broker of the chaos run's own (deploy/kafka.sh on other ports, with its own data and
 * run directories), so that restarting it never touches the broker other tests share.
 */
export class PrivateKafka {
  private constructor(
    readonly port: number,
    private readonly controllerPort: number,
    private readonly dir: string,
  ) {}

  static async create(root: string): Promise<PrivateKafka> {
    const dir = join(root, 'kafka');
    mkdirSync(dir, { recursive: true });
    return new PrivateKafka(await freePort(), await freePort(), dir);
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private script(command: 'start' | 'stop' | 'status') {
    return run('bash', [resolve(REPO_ROOT, 'deploy/kafka.sh'), command], {
      cwd: REPO_ROOT,
      timeout: 10 * 60 * 1000,
      env: {
        ...process.env,
        KAFKA_BROKERS: '',
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_DATA_DIR: join(this.dir, 'data'),
        KAFKA_RUN_DIR: join(this.dir, 'run'),
        KAFKA_HEAP_OPTS: process.env.CHAOS_KAFKA_HEAP ?? '-Xms256m -Xmx512m',
      },
    });
  }

  async start(): Promise<void> {
    try {
      await this.script('start');
    } catch (error) {
      // The script probes the broker with a JVM tool each half second and gives up after 90 s; on
      // a machine this busy that is too short. If the broker process runs, wait for it ourselves.
      if (!this.running()) throw error;
      await waitFor(() => this.answers(), {
        timeoutMs: 5 * 60 * 1000,
        intervalMs: 1000,
        description: `the private broker on ${this.port}`,
      });
    }
  }

  private running(): boolean {
    try {
      process.kill(Number(readFileSync(join(this.dir, 'run', 'kafka.pid'), 'utf8').trim()), 0);
      return true;
    } catch {
      return false;
    }
  }

  private async answers(): Promise<boolean> {
    const admin = await new KafkaJsBroker([this.brokers], createLogger('chaos', 'silent')).admin(
      'samenspel-chaos-probe',
    );
    try {
      await admin.ping();
      return true;
    } finally {
      await admin.disconnect();
    }
  }

  /** A clean stop (SIGTERM, as an operator's restart does) and a start on the same data. */
  async restart(): Promise<void> {
    await this.script('stop');
    await this.start();
  }

  async stop(): Promise<void> {
    await this.script('stop').catch(() => undefined);
  }
}

/**
 * A PostgreSQL 15 cluster of the chaos run's own (initdb in a temporary directory, trust auth,
 * user postgres, its own port), so that restarting it never touches the shared server. As root,
 * the server binaries run as the postgres user (initdb refuses root).
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async create(root: string): Promise<PrivatePostgres> {
    const dir = join(root, 'postgres');
    mkdirSync(dir, { recursive: true });
    const pg = new PrivatePostgres(await freePort(), dir);
    const owner = await postgresOwner();
    if (owner) {
      chownSync(root, owner.uid, owner.gid);
      chownSync(dir, owner.uid, owner.gid);
    }
    await pg.asPostgres('initdb', [
      '-D',
      pg.dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async asPostgres(binary: string, args: string[]): Promise<void> {
    const path = join(PG_BIN, binary);
    const [command, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    await new Promise<void>((resolveRun, reject) => {
      // pg_ctl's server keeps the inherited pipes open: give it none, and read its log file instead.
      const child = spawn(command, argv, { stdio: 'ignore', cwd: this.dir });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolveRun() : reject(new Error(`${binary} ${args.join(' ')} exited ${code}`)),
      );
    });
  }

  async start(): Promise<void> {
    await this.asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '120',
      '-o',
      // fsync off: the chaos run restarts the server, never the machine; max_connections for eight service instances.
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400`,
      'start',
    ]);
    await waitFor(
      async () => {
        const client = new Client({ connectionString: `${this.url}/postgres` });
        client.on('error', () => undefined);
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { timeoutMs: 60000, intervalMs: 200, description: `private PostgreSQL on ${this.port}` },
    );
  }

  /** A fast shutdown (every session is terminated, as in a failover or an operator's restart) and a start. */
  async restart(): Promise<void> {
    await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '120', 'stop']);
    await this.start();
  }

  async stop(): Promise<void> {
    await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
  }
}

async function postgresOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A fresh working directory for one run (kept on failure for its logs). */
export function chaosDirectory(): string {
  return mkdtempSync(join(process.env.CHAOS_TMPDIR ?? tmpdir(), 'samenspel-chaos-'));
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
