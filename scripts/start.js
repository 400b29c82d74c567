#!/usr/bin/env node
// `npm start`: starts Kafka (fetched on first run), prepares databases and topics, starts every
// service and prints its URL. Ctrl-C stops the services cleanly, then the broker if it started it.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const logDir = path.join(root, '.cache', 'logs');
const kafkaScript = path.join(root, 'deploy', 'kafka.sh');
require('./register-paths');
const { SERVICES } = require('../dist/libs/bootstrap/src');
const { provision } = require('../dist/scripts/provision');

const children = new Map();
let stopping = false;
let startedKafka = false;

function say(line) {
  process.stdout.write(`${line}\n`);
}

function kafka(command) {
  return spawnSync('bash', [kafkaScript, command], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
}

async function waitReady(port, child, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
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
  if (startedKafka) {
    say('Stopping Kafka…');
    kafka('stop');
  }
  say('Stopped.');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const localPort = process.env.KAFKA_PORT || '9092';
  const brokers = process.env.KAFKA_BROKERS;
  const remote = brokers && brokers !== `127.0.0.1:${localPort}` && brokers !== `localhost:${localPort}`;
  if (!remote) {
    startedKafka = kafka('status').stdout.trim() !== 'up';
    const result = kafka('start');
    if (result.status !== 0) throw new Error('Kafka did not start (see above)');
  }
  const { topics, databases } = await provision();
  say(`Prepared ${topics.length} new topics and ${databases.length} new databases.`);

  const heapLimitMiB = process.env.SERVICE_HEAP_LIMIT_MIB || '96';
  if (!/^[1-9][0-9]*$/.test(heapLimitMiB) || Number(heapLimitMiB) < 64) {
    say(`SERVICE_HEAP_LIMIT_MIB must be a whole number of MiB, at least 64 (got ${heapLimitMiB})`);
    process.exit(1);
  }
  fs.mkdirSync(logDir, { recursive: true });
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
  for (const s of SERVICES) {
    say(`  ${s.name.padEnd(18)} http://127.0.0.1:${s.port}   API docs http://127.0.0.1:${s.port}/docs`);
  }
  say(`\nLogs: ${path.relative(root, logDir)}/<service>.log. Press Ctrl-C to stop.`);
}

main().catch((error) => {
  say(`npm start failed: ${error.message}`);
  void stopAll(1);
});
