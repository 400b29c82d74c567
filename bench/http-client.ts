/**
 * `npm run bench:http-client`: what one service-to-service call costs the caller, global fetch
 * (undici) against libs/http's JsonHttpClient (node:http, kept-alive sockets). The answering
 * server runs in a child process, so the figures are the caller's alone: CPU (user + system) per
 * call, the heap before and the highest heap and resident memory seen, for HTTP_BENCH_CALLS calls (4,000) with 10
 * in flight, each request and answer shaped like bridging's hold-best call. Each client runs
 * HTTP_BENCH_RUNS times (5), in a fresh process each time; the table shows the medians.
 */
import { execFileSync, spawn } from 'node:child_process';
import { JsonHttpClient } from '@samenspel/http';
import { median } from './bench-support';

const CALLS = Number(process.env.HTTP_BENCH_CALLS ?? 4000);
const RUNS = Number(process.env.HTTP_BENCH_RUNS ?? 5);
const IN_FLIGHT = 10;
const CLIENTS = ['fetch', 'JsonHttpClient'] as const;
type ClientName = (typeof CLIENTS)[number];

interface Figures {
  cpuMsPerCall: number;
  /** Heap in use after the warm-up, before the measured calls (the modules loaded are most of it). */
  startHeapMiB: number;
  peakHeapMiB: number;
  peakRssMiB: number;
}

const SERVER = `
const http = require('node:http');
const answer = JSON.stringify({ held: { placement: { placementId: '7d1e0b6c-2f7a-4f1e-9a55-0c1d2e3f4a5b', activityId: 'a1b2c3d4-0000-4000-8000-000000000001', status: 'held', expiresAt: new Date().toISOString() }, activity: { activityId: 'a1b2c3d4-0000-4000-8000-000000000001', teamId: 'b1b2c3d4-0000-4000-8000-000000000002', title: 'Sport en spel na school' } } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(answer); });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

const REQUEST = {
  ageYears: 14,
  postcode4: '3511',
  municipalityCode: 'GM0344',
  interests: ['sport', 'muziek'],
  limit: 10,
  youthRef: 'yr-3f9a6c0e8b2d4e71a5c9',
  reference: '5b0c7a4e-1d2f-5a3b-8c4d-9e0f1a2b3c4d',
  expiresAt: new Date().toISOString(),
};
const TOKEN = `Bearer ${'x'.repeat(320)}`;

/** One measured run of one client, in this process (started by main as a child). */
async function measureOne(client: ClientName, port: number): Promise<Figures> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const json = new JsonHttpClient({ baseUrl, timeoutMs: 10000 });
  const call =
    client === 'fetch'
      ? async () => {
          const res = await fetch(`${baseUrl}/api/v1/placements/hold-best`, {
            method: 'POST',
            headers: {
              authorization: TOKEN,
              'content-type': 'application/json',
              accept: 'application/json, application/problem+json',
            },
            body: JSON.stringify(REQUEST),
            signal: AbortSignal.timeout(10000),
          });
          return res.json();
        }
      : async () =>
          (
            await json.send('POST', '/api/v1/placements/hold-best', {
              headers: { authorization: TOKEN },
              body: REQUEST,
            })
          ).json();
  // A short warm-up, so that both are measured with their code compiled and their sockets open.
  for (let i = 0; i < 200; i++) await call();
  const startHeap = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 20);
  const cpu = process.cpuUsage();
  let started = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (started++ < CALLS) await call();
    }),
  );
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  sample();
  json.close();
  return {
    cpuMsPerCall: (used.user + used.system) / 1000 / CALLS,
    startHeapMiB: startHeap / 2 ** 20,
    peakHeapMiB: peakHeap / 2 ** 20,
    peakRssMiB: peakRss / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      server.once('exit', (code) => reject(new Error(`the answering server exited ${code}`)));
    });
    const runs = new Map<ClientName, Figures[]>(CLIENTS.map((c) => [c, []]));
    for (let run = 0; run < RUNS; run++) {
      // Alternate, each in a fresh process with the services' heap settings.
      for (const client of CLIENTS) {
        const out = execFileSync(
          process.execPath,
          [
            '--max-semi-space-size=8',
            '-r',
            'reflect-metadata',
            '-r',
            '@swc-node/register',
            __filename,
            'child',
            client,
            String(port),
          ],
          { encoding: 'utf8', env: process.env },
        );
        runs.get(client)!.push(JSON.parse(out) as Figures);
      }
    }
    const rows = CLIENTS.map((client) => {
      const figures = runs.get(client)!;
      const cell = (key: keyof Figures, digits: number) =>
        `${median(figures.map((f) => f[key])).toFixed(digits)} (${figures.map((f) => f[key].toFixed(digits)).join(', ')})`;
      return `| ${client} | ${cell('cpuMsPerCall', 3)} | ${cell('startHeapMiB', 1)} | ${cell('peakHeapMiB', 1)} | ${cell('peakRssMiB', 1)} |`;
    });
    process.stdout.write(
      [
        `${CALLS} calls, ${IN_FLIGHT} in flight, ${RUNS} runs each; median (runs)`,
        '',
        '| client | CPU ms per call | heap before MiB | peak heap MiB | peak RSS MiB |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    server.kill();
  }
}

if (process.argv[2] === 'child') {
  measureOne(process.argv[3] as ClientName, Number(process.argv[4])).then(
    (figures) => {
      process.stdout.write(JSON.stringify(figures));
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:http-client failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
