/**
 * `npm run bench`: Samenspel's performance on one machine. It compiles and starts the whole system
 * as `npm start` does (on a private Kafka broker and fresh databases), seeds a catalogue with
 * enough seats through the activity API, and measures: the raw Kafka and PostgreSQL baselines, the
 * outbox relay, the waitlist pipeline (sustained rate, latency at 50/s, peak rate with p99 < 2 s),
 * the catch-up after a stop, and each service's resident memory. Each measurement has a warm-up
 * and then BENCH_RUNS runs (default 3); the table shows the medians. Results are also written as
 * JSON under bench/results/ (git-ignored). BENCH_QUICK=1 runs the same with small counts.
 * Every setting is in docs/performance.md.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { measurement, median, report, ROOT, type Measurement } from './bench-support';
import { kafkaProducerBaseline, postgresBaseline } from './baselines';
import { benchMunicipalities, seedCatalogue } from './catalogue';
import { catchUp, type CatchUpResult } from './catch-up';
import { cpuNow, cpuPerFlow, residentNow, sampleResident, type Resident } from './footprint';
import { IntakeProducer, TaskObserver } from './load';
import {
  latencyAt,
  peakRate,
  slowestSecond,
  sustained,
  type LatencyResult,
  type PeakResult,
  type Percentiles,
  type SustainedResult,
} from './pipeline';
import { relayThroughput } from './relay';
import { BenchSystem, buildServices, startKafka, type BenchKafka } from './system';
import { useTestIdentityProvider } from '@samenspel/testing';

const quick = process.env.BENCH_QUICK === '1';
const setting = (name: string, full: number, short: number) =>
  Number(process.env[name] ?? (quick ? short : full));

const settings = {
  runs: setting('BENCH_RUNS', 3, 3),
  warmupEvents: setting('BENCH_WARMUP_EVENTS', 2000, 200),
  sustainedEvents: setting('BENCH_SUSTAINED_EVENTS', 10000, 600),
  latencyRate: setting('BENCH_LATENCY_RATE', 50, 50),
  latencySeconds: setting('BENCH_LATENCY_SECONDS', 60, 6),
  /** A second latency run at this share of the same invocation's sustained rate (0: none). */
  latencyShare: setting('BENCH_LATENCY_SHARE', 0.25, 0.25),
  /** Offered rates of the peak search; unset, shares of the same invocation's sustained rate. */
  peakSteps: process.env.BENCH_PEAK_STEPS?.split(',').map(Number),
  peakSeconds: setting('BENCH_PEAK_SECONDS', 30, 5),
  peakLimitMs: setting('BENCH_PEAK_P99_LIMIT_MS', 2000, 2000),
  catchUpEvents: setting('BENCH_CATCHUP_EVENTS', 100000, 1000),
  relayBacklog: setting('BENCH_BACKLOG', 100000, 5000),
  kafkaRecords: setting('BENCH_KAFKA_RECORDS', 100000, 20000),
  pgbenchSeconds: setting('BENCH_PGBENCH_SECONDS', 10, 3),
  municipalities: setting('BENCH_MUNICIPALITIES', 4, 4),
  /** Which measurements to run (comma-separated), for profiling one of them. */
  only: new Set(
    (process.env.BENCH_ONLY ?? 'baselines,relay,sustained,latency,peak,catchup')
      .split(',')
      .map((s) => s.trim()),
  ),
};

const log = (line: string) =>
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** The sustained rate's target: this share of pgbench's transactions a second in the same run. */
const SUSTAINED_SHARE_OF_PGBENCH = 0.12;

/** Far above what one machine sustains: a bound for the seats of the latency run at a share of it. */
const MAX_SUSTAINED_FLOWS = 2000;

/** The peak search's steps as shares of the sustained rate, fine enough to tell 80% from 90%. */
const PEAK_SHARES = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2];
/** The peak search's steps when no sustained rate was measured in the same invocation. */
const PEAK_FALLBACK_STEPS = quick ? [25, 50, 100, 200, 400] : [25, 50, 100, 200, 400, 800, 1600];

/** Seats the whole run may take: every flow holds one, and none is ever released. */
function seatsNeeded(): number {
  const perRun =
    settings.sustainedEvents +
    (settings.latencyRate + settings.latencyShare * MAX_SUSTAINED_FLOWS) * settings.latencySeconds +
    (settings.peakSteps ?? PEAK_FALLBACK_STEPS).reduce((n, rate) => n + rate * settings.peakSeconds, 0) +
    PEAK_SHARES.reduce((n, share) => n + share * MAX_SUSTAINED_FLOWS * settings.peakSeconds, 0);
  return settings.warmupEvents + settings.runs * (perRun + settings.catchUpEvents);
}

/** The latency table rows of the runs at one rate: produced → task, and each hop. */
function latencyRows(rate: number, results: LatencyResult[]): Measurement[] {
  const { latencySeconds: seconds } = settings;
  const note = `${rate}/s for ${seconds} s, produced -> task created`;
  const hop = (name: string, pick: (r: LatencyResult) => Percentiles, what: string) =>
    measurement(
      `  hop ${name} at ${rate}/s, p99`,
      'ms',
      results.map((r) => pick(r).p99),
      `${what}; its p50 ${median(results.map((r) => pick(r).p50))} ms`,
    );
  return [
    measurement(
      `pipeline latency p50 at ${rate}/s`,
      'ms',
      results.map((r) => r.p50),
      note,
    ),
    measurement(
      `pipeline latency p95 at ${rate}/s`,
      'ms',
      results.map((r) => r.p95),
      note,
    ),
    measurement(
      `pipeline latency p99 at ${rate}/s`,
      'ms',
      results.map((r) => r.p99),
      note,
      {
        op: '<=',
        value: 150,
      },
    ),
    hop('entered -> offer', (r) => r.hops.toOffer, 'produced -> bridging.offered time'),
    hop('offer -> task', (r) => r.hops.offerToTask, 'bridging.offered time -> task created'),
    measurement(
      `pipeline latency p99 at ${rate}/s, task event seen`,
      'ms',
      results.map((r) => r.seenP99),
      'produced -> task.created received from samenspel.task.v1',
    ),
  ];
}

async function main(): Promise<void> {
  const stamp = `${Date.now().toString(36)}`;
  const loadAverageAtStart = loadavg();
  const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432';
  log(
    `${quick ? 'quick' : 'full'} run ${stamp}: ${JSON.stringify({ ...settings, only: [...settings.only] })}`,
  );
  const { dist, register } = await buildServices(log);
  const kafka = await startKafka(stamp, log);
  // The services verify tokens and get their own at the development identity provider.
  const identityProvider = await useTestIdentityProvider();
  process.env.KAFKA_BROKERS = kafka.brokers;
  process.env.DATABASE_URL = databaseUrl;
  const system = new BenchSystem({
    stamp,
    brokers: kafka.brokers,
    databaseUrl,
    ownGroups: !kafka.private,
    dist,
    register,
    log,
  });
  let producer: IntakeProducer | undefined;
  let observer: TaskObserver | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await observer?.stop().catch(() => undefined);
      await producer?.close().catch(() => undefined);
      log('stopping the services and the broker');
      await system.dispose().catch((error: Error) => log(`dispose: ${error.message}`));
      await kafka.stop().catch((error: Error) => log(`kafka stop: ${error.message}`));
      await identityProvider.stop().catch((error: Error) => log(`identity provider stop: ${error.message}`));
    })());
  // Ctrl-C: leave no service, database or broker behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up; what was measured so far is in bench/results/partial-${stamp}.json`);
      void cleanUp().then(() => process.exit(130));
    });
  }
  try {
    log('starting the services');
    await system.start();
    const catalogue = await seedCatalogue(
      system.service('activity').baseUrl,
      benchMunicipalities(settings.municipalities),
      seatsNeeded(),
    );
    log(
      `catalogue: ${catalogue.activities} activities, ${catalogue.seats} seats in ${catalogue.municipalities.join(', ')}`,
    );
    await settle(system);
    const idle = residentNow(system);
    log(`resident memory at idle (MiB): ${JSON.stringify(idle)}`);
    observer = await TaskObserver.start(kafka.brokers);
    producer = new IntakeProducer(catalogue.municipalities);
    // What is measured so far, rewritten after every measurement: a run cut short keeps it.
    const partial = resolve(ROOT, 'bench', 'results', `partial-${stamp}.json`);
    mkdirSync(dirname(partial), { recursive: true });
    const save = (table: Measurement[], details: Record<string, unknown>) =>
      writeFileSync(
        partial,
        JSON.stringify({ settings: { ...settings, only: [...settings.only] }, table, details }, null, 2),
      );
    const results = await measure(system, kafka, producer, observer, idle, save);
    const title = quick ? 'Samenspel benchmark (quick)' : 'Samenspel benchmark';
    process.stdout.write(
      `\n${report(title, results.table, { settings: { ...settings, only: [...settings.only] }, quick, catalogue, details: results.details, loadAverageAtStart })}\n`,
    );
    rmSync(partial, { force: true });
  } finally {
    await cleanUp();
  }
}

/** Before the next run: every consumer group has caught up and every outbox is relayed. */
async function settle(system: BenchSystem): Promise<void> {
  await system.waitUntilQuiet(120000);
}

async function measure(
  system: BenchSystem,
  kafka: BenchKafka,
  producer: IntakeProducer,
  observer: TaskObserver,
  idle: Resident,
  save: (table: Measurement[], details: Record<string, unknown>) => void,
): Promise<{ table: Measurement[]; details: Record<string, unknown> }> {
  const { runs } = settings;
  const on = (name: string) => settings.only.has(name);
  const table: Measurement[] = [];
  const details: Record<string, unknown> = { idleResident: idle };
  const checkpoint = () => save(table, details);
  const times = <T>(n: number, f: (i: number) => Promise<T>) =>
    Array.from({ length: n }).reduce<Promise<T[]>>(
      async (acc, _, i) => [...(await acc), await f(i)],
      Promise.resolve([]),
    );

  let kafkaBase: Measurement | undefined;
  let pgBase: Measurement | undefined;
  if (on('baselines')) {
    log(`baseline: Kafka producer perf test, ${settings.kafkaRecords} records x ${runs}`);
    kafkaBase = await kafkaProducerBaseline(kafka, runs, settings.kafkaRecords);
    log(`baseline: pgbench, ${settings.pgbenchSeconds} s x ${runs}`);
    pgBase = await postgresBaseline(system.databaseUrl, runs, settings.pgbenchSeconds);
    table.push(kafkaBase, pgBase);
    checkpoint();
  }
  const ratios = (perSecond: number) =>
    [
      kafkaBase && `${pct(perSecond / kafkaBase.median)} of raw Kafka`,
      pgBase && `${pct(perSecond / pgBase.median)} of raw PostgreSQL`,
    ]
      .filter(Boolean)
      .join(', ');

  if (on('relay')) {
    log(`outbox relay: warm-up, then a backlog of ${settings.relayBacklog} x ${runs}`);
    await relayThroughput(kafka.brokers, 1, Math.min(settings.relayBacklog, 10000));
    const relay = await relayThroughput(kafka.brokers, runs, settings.relayBacklog);
    relay.target = { op: '>=', value: 2000 };
    if (kafkaBase) relay.note = `${relay.note}; ${pct(relay.median / kafkaBase.median)} of raw Kafka`;
    table.push(relay);
    checkpoint();
  }

  const pipelineTimeout = (events: number) => 300000 + events * 100;
  const latencyRuns = (rate: number) =>
    times(runs, async (i) => {
      const { latencySeconds: seconds } = settings;
      const r = await latencyAt(producer, observer, rate, seconds, pipelineTimeout(rate * seconds));
      const { toOffer, offerToTask } = r.hops;
      log(`  latency run ${i + 1} at ${rate}/s: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms`);
      log(
        `    hops p50/p99: entered -> offer ${toOffer.p50}/${toOffer.p99} ms, offer -> task ${offerToTask.p50}/${offerToTask.p99} ms`,
      );
      log(`    ${slowestSecond(r)}`);
      await settle(system);
      return r;
    });
  if (on('sustained') || on('latency') || on('peak')) {
    log(`pipeline warm-up: ${settings.warmupEvents} events`);
    const warm = await sustained(
      producer,
      observer,
      settings.warmupEvents,
      pipelineTimeout(settings.warmupEvents),
    );
    log(`  warm-up: ${warm.steady.toFixed(1)} flows/s`);
    await settle(system);
  }

  let sustainedMedian: number | undefined;
  if (on('sustained')) {
    const loadResident: Resident[] = [];
    const cpu: Record<string, number>[] = [];
    const results: SustainedResult[] = await times(runs, async (i) => {
      const sampler = sampleResident(system);
      const before = cpuNow(system, kafka.pid);
      const r = await sustained(
        producer,
        observer,
        settings.sustainedEvents,
        pipelineTimeout(settings.sustainedEvents),
      );
      cpu.push(cpuPerFlow(before, cpuNow(system, kafka.pid), settings.sustainedEvents));
      loadResident.push(sampler.stop());
      log(`  sustained run ${i + 1}: ${r.steady.toFixed(1)} flows/s steady, ${r.overall.toFixed(1)} overall`);
      log(`    CPU ms per flow: ${JSON.stringify(cpu[cpu.length - 1])}`);
      await settle(system);
      return r;
    });
    details.sustained = results;
    details.loadResident = loadResident;
    details.cpuMsPerFlow = cpu;
    const steady = measurement(
      'pipeline sustained (entered -> task)',
      'flows/s',
      results.map((r) => r.steady),
      `${settings.sustainedEvents} events at once, middle 80% of completions`,
      // The target is a share of what this machine's PostgreSQL does in the same run (docs/performance.md).
      pgBase ? { op: '>=', value: Math.round(SUSTAINED_SHARE_OF_PGBENCH * pgBase.median) } : undefined,
    );
    sustainedMedian = steady.median;
    const extra = ratios(steady.median);
    if (extra) steady.note = `${steady.note}; ${extra}`;
    table.push(steady);
    const perProcess = Object.keys(cpu[0] ?? {})
      .filter((k) => k !== 'machine')
      .map((k) => `${k} ${median(cpu.map((c) => c[k])).toFixed(1)}`)
      .join(', ');
    table.push(
      measurement(
        'CPU per flow, whole machine (busy time of all CPUs)',
        'ms',
        cpu.map((c) => c.machine),
        `medians per process: ${perProcess} (postgresql: its processes alive at both ends, a lower bound)`,
      ),
    );
    for (const s of system.services) {
      table.push(
        measurement(`resident memory ${s.name}, idle`, 'MiB', [idle[s.name]], 'after start-up and seeding', {
          op: '<=',
          value: 200,
        }),
        measurement(
          `resident memory ${s.name}, under load`,
          'MiB',
          loadResident.map((r) => r[s.name]),
          'highest sample during a sustained run',
          { op: '<=', value: 200 },
        ),
      );
    }
    checkpoint();
  }

  if (on('latency')) {
    const rates = [settings.latencyRate];
    if (sustainedMedian && settings.latencyShare > 0) {
      rates.push(Math.max(1, Math.round(sustainedMedian * settings.latencyShare)));
    }
    const latency: LatencyResult[] = [];
    for (const rate of rates) {
      const results = await latencyRuns(rate);
      latency.push(...results);
      table.push(...latencyRows(rate, results));
    }
    details.latency = latency;
    checkpoint();
  }

  if (on('peak')) {
    const steps =
      settings.peakSteps ??
      (sustainedMedian
        ? PEAK_SHARES.map((share) => Math.round(share * sustainedMedian!))
        : PEAK_FALLBACK_STEPS);
    const results: PeakResult[] = await times(runs, async (i) => {
      log(`  peak search run ${i + 1}: steps ${steps.join(', ')}/s, ${settings.peakSeconds} s each`);
      const r = await peakRate(producer, observer, steps, settings.peakSeconds, settings.peakLimitMs, log);
      await settle(system);
      return r;
    });
    details.peak = results;
    const peak = measurement(
      `pipeline peak rate with p99 < ${settings.peakLimitMs} ms`,
      'flows/s',
      results.map((r) => r.peak),
      `highest passing step of ${steps.join(', ')}/s, ${settings.peakSeconds} s each`,
      sustainedMedian ? { op: '>=', value: Math.round(0.8 * sustainedMedian) } : undefined,
    );
    if (sustainedMedian)
      peak.note = `${peak.note}; ${pct(peak.median / sustainedMedian)} of the sustained rate`;
    table.push(peak);
    checkpoint();
  }

  if (on('catchup')) {
    const catchUpResident: Resident[] = [];
    const results: CatchUpResult[] = await times(runs, async (i) => {
      log(`  catch-up run ${i + 1}: ${settings.catchUpEvents} events while every service is stopped`);
      // The sampler reads each service's current pid, so it follows the restart inside catchUp.
      const sampler = sampleResident(system);
      const r = await catchUp(system, producer, observer, settings.catchUpEvents);
      catchUpResident.push(sampler.stop());
      log(
        `    all work done ${r.seconds.toFixed(1)} s after the restart (ready after ${r.readySeconds.toFixed(1)} s, last task at ${r.tasksSeconds.toFixed(1)} s)`,
      );
      log(
        `    highest resident memory (MiB): ${JSON.stringify(catchUpResident[catchUpResident.length - 1])}`,
      );
      await settle(system);
      details.catchUp = [...((details.catchUp as CatchUpResult[] | undefined) ?? []), r];
      details.catchUpResident = catchUpResident;
      checkpoint();
      return r;
    });
    details.catchUp = results;
    details.catchUpResident = catchUpResident;
    const seconds = measurement(
      `catch-up after a stop, ${settings.catchUpEvents} events`,
      's',
      results.map((r) => r.seconds),
      'restart -> every task created, zero lag, empty outboxes',
    );
    const rate = measurement(
      'catch-up rate',
      'events/s',
      results.map((r) => r.eventsPerSecond),
      ratios(median(results.map((r) => r.eventsPerSecond))) || undefined,
    );
    table.push(seconds, rate);
    for (const s of system.services) {
      table.push(
        measurement(
          `resident memory ${s.name}, catch-up`,
          'MiB',
          catchUpResident.map((r) => r[s.name]),
          'highest sample while working off the backlog',
          { op: '<=', value: 200 },
        ),
      );
    }
  }
  return { table, details };
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)}%`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
