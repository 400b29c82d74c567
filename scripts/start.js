#!/usr/bin/env node
// `npm start`: checks Node and Java, builds what changed, starts Kafka (fetched on first run) and,
// when none is configured or answers, an embedded PostgreSQL; prepares databases and topics, starts
// every service and prints its URL. Ctrl-C stops the services cleanly, then what it started.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, '.cache');
const logDir = path.join(cacheDir, 'logs');
const kafkaScript = path.join(root, 'deploy', 'kafka.sh');
const NODE_LINE = Number(/^\^?(\d+)/.exec(require('../package.json').engines.node)[1]);
const OLDEST_NODE = 22;
const JAVA_MIN = 17;

const children = new Map();
let stopping = false;
let startedKafka = false;
let kafkaStarting = Promise.resolve();
let postgres;

function say(line) {
  process.stdout.write(`${line}\n`);
}

function runKafka(command) {
  return new Promise((resolve) => {
    const child = spawn('bash', [kafkaScript, command], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('exit', (status) => resolve({ status, stdout }));
  });
}

/** The services run on Node's current LTS line; npm install brings it on Linux (node-linux-<arch>). */
function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major === NODE_LINE) return;
  const how = `npm install brings Node ${NODE_LINE} on Linux x64 and arm64 (node-linux-<arch>); elsewhere install Node ${NODE_LINE} LTS from https://nodejs.org`;
  if (major < OLDEST_NODE) {
    say(
      `Samenspel needs Node ${NODE_LINE} (or ${OLDEST_NODE} at the least); this is Node ${process.versions.node}. ${how}.`,
    );
    process.exit(1);
  }
  say(
    `Note: Samenspel is built and tested on Node ${NODE_LINE}; this is Node ${process.versions.node}. ${how}.`,
  );
}

/** The local broker is a JVM: say which Java it needs, before anything starts. */
function checkJava() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr || ''}${result.stdout || ''}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : undefined;
  if (major >= JAVA_MIN) return;
  const found = result.error ? 'no java command is on the PATH' : `java is version ${major ?? 'unknown'}`;
  say(
    `Samenspel's local Kafka broker needs Java ${JAVA_MIN} or newer, and ${found}: install a JDK or JRE ${JAVA_MIN}+ (for example Eclipse Temurin from https://adoptium.net, or your system's openjdk-${JAVA_MIN}-jre-headless), or set KAFKA_BROKERS to a running broker.`,
  );
  process.exit(1);
}

/** tsc --incremental (tsconfig.build.json): with nothing changed it only reads its build info. */
function build() {
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    say('The build failed (see above).');
    process.exit(1);
  }
  return Date.now() - started;
}

async function waitReady(port, child, timeoutMs = 90000, readyPath = '/health/ready') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('\nStopping services…');
  await Promise.all(
    [...children].map(
      ([name, child]) =>
        new Promise((resolve) => {
          const report = () => {
            say(`  ${name} stopped (${child.signalCode ?? `exit ${child.exitCode}`})`);
            resolve();
          };
          if (child.exitCode !== null || child.signalCode !== null) return report();
          child.once('exit', report);
          child.kill('SIGTERM');
        }),
    ),
  );
  if (postgres) {
    say('Stopping the embedded PostgreSQL…');
    await postgres.stop().catch((error) => say(`  ${error.message}`));
  }
  await kafkaStarting;
  if (startedKafka) {
    say('Stopping Kafka…');
    await runKafka('stop');
  }
  say('Stopped.');
  process.exit(code);
}

/**
 * Starts the development OpenID Provider (libs/identity-provider) on port 3005 and points the
 * services at it, unless AUTH_JWKS_URL names another provider. Returns its issuer, or undefined.
 */
async function startIdentityProvider() {
  if (process.env.AUTH_JWKS_URL) {
    say(
      `Identity provider: ${process.env.AUTH_ISSUER} (AUTH_JWKS_URL is set, so the development one stays off)`,
    );
    return undefined;
  }
  const {
    DEV_ISSUER,
    DEV_IDENTITY_PROVIDER_PORT,
  } = require('../dist/libs/identity-provider/src/dev-provider-defaults');
  const log = fs.openSync(path.join(logDir, 'identity-provider.log'), 'a');
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'register-paths.js'),
      path.join(root, 'dist', 'libs', 'identity-provider', 'src', 'main.js'),
    ],
    {
      cwd: root,
      env: { ...process.env, DEV_IDP_PORT: String(DEV_IDENTITY_PROVIDER_PORT) },
      stdio: ['ignore', log, log],
    },
  );
  children.set('identity-provider', child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(
        `identity-provider exited (${signal ?? code}); see ${path.relative(root, logDir)}/identity-provider.log`,
      );
      void stopAll(1);
    }
  });
  if (!(await waitReady(DEV_IDENTITY_PROVIDER_PORT, child, 30000, '/.well-known/openid-configuration'))) {
    say('The development identity provider did not start; see .cache/logs/identity-provider.log');
    await stopAll(1);
    return undefined;
  }
  // The services verify tokens with its keys, and get their own tokens from it.
  process.env.AUTH_ISSUER = DEV_ISSUER;
  process.env.AUTH_JWKS_URL = `${DEV_ISSUER}/jwks`;
  return DEV_ISSUER;
}

async function main() {
  const started = Date.now();
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const localPort = process.env.KAFKA_PORT || '9092';
  const brokers = process.env.KAFKA_BROKERS;
  const remote = brokers && brokers !== `127.0.0.1:${localPort}` && brokers !== `localhost:${localPort}`;
  checkNode();
  if (!remote) checkJava();
  const heapLimitMiB = process.env.SERVICE_HEAP_LIMIT_MIB || '96';
  if (!/^[1-9][0-9]*$/.test(heapLimitMiB) || Number(heapLimitMiB) < 64) {
    say(`SERVICE_HEAP_LIMIT_MIB must be a whole number of MiB, at least 64 (got ${heapLimitMiB})`);
    process.exit(1);
  }

  // The broker starts (or is fetched) while the build runs.
  const kafkaReady = (kafkaStarting = remote
    ? Promise.resolve({ status: 0 })
    : runKafka('status').then(({ stdout }) => {
        startedKafka = stdout.trim() !== 'up';
        return runKafka('start');
      }));
  const buildMs = build();
  say(`Built in ${(buildMs / 1000).toFixed(1)} s.`);
  require('./register-paths');
  const { resolveLocalPostgres, localPostgresSettings } = require('../dist/libs/persistence/src');
  const database = await resolveLocalPostgres(localPostgresSettings(process.env, cacheDir), (l) => say(l));
  say(`PostgreSQL: ${database.description}`);
  process.env.DATABASE_URL = database.url;
  // Only a server this run started is stopped on Ctrl-C.
  if (database.startedHere) postgres = database;
  if ((await kafkaReady).status !== 0) throw new Error('Kafka did not start (see above)');

  const { SERVICES } = require('../dist/libs/bootstrap/src');
  const { provision } = require('../dist/scripts/provision');
  const { topics, databases } = await provision();
  say(`Prepared ${topics.length} new topics and ${databases.length} new databases.`);

  fs.mkdirSync(logDir, { recursive: true });
  const identityProvider = await startIdentityProvider();
  for (const service of SERVICES) {
    const log = fs.openSync(path.join(logDir, `${service.name}.log`), 'a');
    const child = spawn(
      process.execPath,
      [
        // A young generation of 8 MiB per semi-space instead of 16: some 15-30 MiB less resident
        // memory per service under load (docs/performance.md), at a few more minor collections.
        '--max-semi-space-size=8',
        // The old generation capped (96 MiB unless SERVICE_HEAP_LIMIT_MIB): a service's live data
        // is some 45 MiB, but uncapped V8 lets garbage pile up past 100 MiB under a burst before
        // it collects, and the process past 200 MB resident (docs/performance.md).
        `--max-old-space-size=${heapLimitMiB}`,
        '-r',
        path.join(__dirname, 'register-paths.js'),
        path.join(root, 'dist', 'apps', service.name, 'src', 'main.js'),
      ],
      { cwd: root, env: process.env, stdio: ['ignore', log, log] },
    );
    children.set(service.name, child);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        say(
          `${service.name} exited (${signal ?? code}); see ${path.relative(root, logDir)}/${service.name}.log`,
        );
        void stopAll(1);
      }
    });
  }
  const ready = await Promise.all(SERVICES.map((s) => waitReady(s.port, children.get(s.name))));
  if (ready.some((ok) => !ok)) {
    SERVICES.forEach(
      (s, i) => ready[i] || say(`${s.name} did not become ready; see .cache/logs/${s.name}.log`),
    );
    return stopAll(1);
  }
  say('\nSamenspel is running:');
  if (identityProvider) {
    say(
      `  ${'identity-provider'.padEnd(18)} ${identityProvider}   sign in as jw-overvecht (workspace) or ops (console), password samenspel-dev`,
    );
  }
  for (const s of SERVICES) {
    say(`  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}   API docs http://127.0.0.1:${s.port}/docs`);
  }
  say(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  say(`Logs: ${path.relative(root, logDir)}/<service>.log. Press Ctrl-C to stop.`);
}

main().catch((error) => {
  say(`npm start failed: ${error.message}`);
  void stopAll(1);
});
