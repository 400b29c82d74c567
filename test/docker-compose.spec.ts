import { SERVICES, ServiceConfig } from '@samenspel/bootstrap';
import { loadConfig } from '@samenspel/http';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** docker-compose.yml must run the services exactly as `npm start` does: same ports, same variables. */
const ROOT = join(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  ports?: (string | number | { target: number; published?: number | string; host_ip?: string })[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

const COMPOSE_TEXT = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(COMPOSE_TEXT, { merge: true }) as {
  services: Record<string, ComposeService>;
};

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** The environment as name → string, whether the file uses the map or the list form. */
function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

/** Published ports as { host, container }, from the short ("[ip:]host:container") or long syntax. */
function portsOf(name: string): { host: number; container: number }[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') return { host: Number(port.published), container: port.target };
    const parts = String(port).split(':');
    const container = Number(parts[parts.length - 1]);
    return { host: parts.length > 1 ? Number(parts[parts.length - 2]) : container, container };
  });
}

/** The host interface of each published port: the short syntax's leading IP, or host_ip. */
function hostInterfacesOf(name: string): (string | undefined)[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') return port.host_ip;
    const parts = String(port).split(':');
    return parts.length === 3 ? parts[0] : undefined;
  });
}

function dependenciesOf(name: string): Record<string, string | undefined> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([d, spec]) => [d, spec.condition]));
}

function healthcheckOf(name: string): string {
  const test = service(name).healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

const REQUIRED_VARIABLES = ['DATABASE_URL', 'KAFKA_BROKERS', 'PORT', 'NODE_ENV'];
/** node-postgres reads the password from PGPASSWORD when DATABASE_URL has none; no config class declares it. */
const DRIVER_VARIABLES = ['PGPASSWORD'];
/** Variables a service's own config class adds to ServiceConfig's (BridgingConfig: its token endpoint). */
const OWN_VARIABLES: Record<string, string[]> = { 'waitlist-bridging': ['AUTH_TOKEN_URL'] };
/** Compose's interpolation of POSTGRES_PASSWORD from .env, refusing to start while it is unset or empty. */
const PASSWORD_FROM_ENV_FILE = /^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/;
const serviceNames = SERVICES.map((s) => s.name);

describe('docker-compose.yml', () => {
  describe('the four services', () => {
    it.each(SERVICES.map((s) => [s.name, s.port] as const))(
      'runs %s on its catalogue port %i, published and in PORT',
      (name, port) => {
        expect(portsOf(name)).toContainEqual({ host: port, container: port });
        expect(environmentOf(name).PORT).toBe(String(port));
      },
    );

    it.each(serviceNames)('builds %s from the shared deploy/Dockerfile with its own SERVICE', (name) => {
      expect(service(name).build).toEqual({
        context: '.',
        dockerfile: 'deploy/Dockerfile',
        args: { SERVICE: name, NODE_VERSION: '24' },
      });
      // The entry point the Dockerfile starts must exist for that service.
      expect(existsSync(join(ROOT, 'apps', name, 'src', 'main.ts'))).toBe(true);
    });

    it.each(serviceNames)('sets only variables that ServiceConfig declares on %s', (name) => {
      const config = new ServiceConfig();
      const unknown = Object.keys(environmentOf(name)).filter(
        (key) => !(key in config) && !DRIVER_VARIABLES.includes(key) && !OWN_VARIABLES[name]?.includes(key),
      );
      expect(unknown).toEqual([]);
    });

    it.each(serviceNames)('sets DATABASE_URL, KAFKA_BROKERS, PORT and NODE_ENV on %s', (name) => {
      expect(Object.keys(environmentOf(name))).toEqual(expect.arrayContaining(REQUIRED_VARIABLES));
    });

    it.each(SERVICES.map((s) => [s.name, s.port] as const))(
      'gives %s an environment that passes config validation',
      (name, port) => {
        const config = loadConfig(ServiceConfig, environmentOf(name));
        expect(config.PORT).toBe(port);
        expect(config.NODE_ENV).toBe('development');
      },
    );

    it.each(serviceNames)('points %s at the broker and database containers', (name) => {
      const env = environmentOf(name);
      const advertised = environmentOf('kafka')
        .KAFKA_ADVERTISED_LISTENERS.split(',')
        .map((listener) => listener.split('://')[1]);
      for (const broker of env.KAFKA_BROKERS.split(',')) expect(advertised).toContain(broker.trim());
      expect(compose.services).toHaveProperty(new URL(env.DATABASE_URL).hostname);
    });

    it.each(serviceNames)(
      'starts %s only once Kafka and PostgreSQL are healthy and the identity provider started',
      (name) => {
        expect(dependenciesOf(name)).toEqual({
          kafka: 'service_healthy',
          postgres: 'service_healthy',
          'identity-provider': 'service_started',
        });
      },
    );

    it.each(serviceNames)('checks the readiness of %s at /health/ready', (name) => {
      expect(healthcheckOf(name)).toContain('/health/ready');
    });
  });

  describe('the host', () => {
    it.each(Object.keys(compose.services))('reaches %s only on 127.0.0.1', (name) => {
      const interfaces = hostInterfacesOf(name);
      expect(interfaces.length).toBeGreaterThan(0);
      expect(interfaces.every((ip) => ip === '127.0.0.1')).toBe(true);
    });

    it('passes dclint without an error', () => {
      const cli = join(ROOT, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
      const run = () =>
        execFileSync(process.execPath, [cli, '-c', '.dclintrc.yaml', '-f', 'json', 'docker-compose.yml'], {
          cwd: ROOT,
          encoding: 'utf8',
        });
      // dclint exits non-zero on an error; its report names each problem.
      let output: string;
      try {
        output = run();
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      const [report] = JSON.parse(output) as {
        errorCount: number;
        messages: { type: string; rule: string; message: string }[];
      }[];
      const errors = report.messages.filter((m) => m.type === 'error');
      expect(errors.map((m) => `${m.rule}: ${m.message}`)).toEqual([]);
      expect(report.errorCount).toBe(0);
    });
  });

  describe('Kafka', () => {
    it('runs the Kafka version that deploy/kafka.sh runs', () => {
      const script = readFileSync(join(ROOT, 'deploy', 'kafka.sh'), 'utf8');
      const version = /^KAFKA_VERSION="\$\{KAFKA_VERSION:-([^}]+)\}"$/m.exec(script)?.[1];
      expect(version).toBeDefined();
      expect(service('kafka').image).toBe(`apache/kafka:${version}`);
    });

    it('gives the single broker one replica of its offsets and transaction state', () => {
      const env = environmentOf('kafka');
      expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
    });

    it('never creates a topic implicitly', () => {
      expect(environmentOf('kafka').KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    });

    it('takes clients on the host at 127.0.0.1:9092, where npm start and the tests look', () => {
      expect(portsOf('kafka')).toContainEqual({ host: 9092, container: 9092 });
      expect(environmentOf('kafka').KAFKA_ADVERTISED_LISTENERS).toContain('://127.0.0.1:9092');
    });

    it('reports healthy only when the broker answers', () => {
      expect(healthcheckOf('kafka')).toContain('kafka-broker-api-versions');
    });

    it('says where it is defined that it is a development broker without authentication', () => {
      const protocols = environmentOf('kafka')
        .KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',')
        .map((entry) => entry.split(':')[1]);
      expect(new Set(protocols)).toEqual(new Set(['PLAINTEXT']));
      const lines = COMPOSE_TEXT.split('\n');
      const at = lines.indexOf('  kafka:');
      const comment = [];
      for (let i = at - 1; i >= 0 && lines[i].trimStart().startsWith('#'); i--) comment.unshift(lines[i]);
      expect(comment.join(' ')).toMatch(/development broker: no authentication/);
      expect(readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8')).toMatch(
        /docker-compose\.yml[^\n]*development broker without authentication/,
      );
    });
  });

  describe('PostgreSQL', () => {
    it('runs PostgreSQL 16 on 5432', () => {
      expect(service('postgres').image).toBe('postgres:16-alpine');
      expect(portsOf('postgres')).toContainEqual({ host: 5432, container: 5432 });
      expect(healthcheckOf('postgres')).toContain('pg_isready');
    });

    it('asks for the password of .env, which git ignores, and never trusts a connection', () => {
      const env = environmentOf('postgres');
      expect(env.POSTGRES_HOST_AUTH_METHOD).toBeUndefined();
      expect(env.POSTGRES_PASSWORD).toMatch(PASSWORD_FROM_ENV_FILE);
      const ignored = (file: string) => readFileSync(join(ROOT, file), 'utf8').split('\n');
      expect(ignored('.gitignore')).toContain('.env');
      expect(ignored('.dockerignore')).toContain('.env');
      // The committed example names the variable and leaves its value to whoever copies it.
      expect(ignored('.env.example')).toContain('POSTGRES_PASSWORD=');
    });

    it.each(serviceNames)('gives %s the same password, outside its DATABASE_URL', (name) => {
      const env = environmentOf(name);
      expect(env.PGPASSWORD).toMatch(PASSWORD_FROM_ENV_FILE);
      expect(env.PGPASSWORD).toBe(environmentOf('postgres').POSTGRES_PASSWORD);
      expect(new URL(env.DATABASE_URL).password).toBe('');
    });
  });

  describe('the image', () => {
    const dockerfile = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');

    it('starts the service that SERVICE names, with the dist/ path aliases', () => {
      expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS build$/m);
      expect(dockerfile).toContain('npm ci');
      expect(dockerfile).toContain('npm run build');
      expect(dockerfile).toContain('node -r ./scripts/register-paths.js dist/apps/$SERVICE/src/main.js');
    });

    it('checks its own liveness with Node’s fetch on PORT, as the image has no curl', () => {
      // HEALTHCHECK [options] CMD [exec form], continued over lines with a backslash.
      const [, options, command] = /^HEALTHCHECK ([^\n]*?)\\?\s*CMD (\[.*\])$/m.exec(dockerfile) ?? [];
      expect(options).toMatch(/--interval=\d+s/);
      const argv = JSON.parse(command) as string[];
      expect(argv[0]).toBe('node');
      const script = argv[argv.indexOf('-e') + 1];
      expect(script).toContain("fetch('http://127.0.0.1:' + port + '/health/live')");
      expect(script).toMatch(/const port = process\.env\.PORT \|\|/);
    });

    it('leaves the application files to root, readable and not writable by the node user', () => {
      const stages = dockerfile.split(/^(?=FROM )/m).filter((s) => s.startsWith('FROM '));
      const runtime = stages[stages.length - 1];
      const copies = [...runtime.matchAll(/^COPY (.+)$/gm)].map((m) => m[1].split(/\s+/));
      expect(copies.length).toBeGreaterThan(0);
      for (const copy of copies) {
        // No --chown: COPY makes the files root's. Each comes from a stage that set its modes.
        expect(copy.filter((arg) => arg.startsWith('--chown'))).toEqual([]);
        const from = copy.find((arg) => arg.startsWith('--from='))?.slice('--from='.length);
        const stage = stages.find((s) => new RegExp(`^FROM \\S+ AS ${from}$`, 'm').test(s)) ?? '';
        const source = copy[copy.length - 2].replace(/^\/app\//, '');
        const normalised = [...stage.matchAll(/chmod -R u=rwX,go=rX ([^\n&]+)/g)].flatMap((m) =>
          m[1].trim().split(/\s+/),
        );
        expect({ source, normalised: normalised.includes(source) }).toEqual({ source, normalised: true });
      }
      expect(runtime).toMatch(/^USER node$/m);
      expect(runtime.indexOf('USER node')).toBeGreaterThan(runtime.lastIndexOf('\nCOPY '));
    });

    it('keeps node_modules, dist, .cache and .git out of the build context', () => {
      const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
      expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.cache', '.git']));
    });
  });
});
