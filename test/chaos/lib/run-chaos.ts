import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allTopicSpecs, TOPIC_SPECS } from '@samenspel/contracts';
import { KafkaJsBroker, type BrokerAdmin } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { TestKafka, waitFor } from '@samenspel/testing';
import { seedCatalogue } from './catalogue';
import { faultSchedule, inject, type FaultKind, type FaultResult } from './faults';
import { Fleet } from './fleet';
import { runLoad, type LoadLedger } from './load';
import { chaosDirectory, PrivateKafka, PrivatePostgres, removeDirectory } from './private-infra';
import { Databases, reconcile, settle, type Reconciliation } from './reconcile';
import { snapshotServices } from './snapshot';

export interface ChaosOptions {
  /** Mixed flows to send (a waiting-list flow is 1 to 4 events). */
  flows: number;
  /** New flows per second: the steady load. */
  flowsPerSecond: number;
  /** How many times each fault is injected. */
  repetitions: number;
  /** Only these kinds of fault (for a closer look at one); default all. */
  only?: FaultKind[];
  malformedShare?: number;
  duplicateShare?: number;
  /** How long the system may take to drain after the load and the faults. */
  settleTimeoutMs?: number;
  /** Keep the working directory (databases, broker data, service logs) even when the run passes. */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface ChaosResult {
  passed: boolean;
  reconciliation: Reconciliation;
  /** Each fault, with whether the load was still running when it came. */
  faults: (FaultResult & { duringLoad: boolean })[];
  /** Exits of service instances that no fault caused (crashes). */
  unexpectedExits: { at: string; instance: string; what: string }[];
  /** What was still in flight when the reconciliation started (all zero when settled). */
  inFlight: Record<string, number>;
  durationMs: number;
  /** The working directory, kept when the run failed. */
  dir: string;
}

/**
 * The chaos run: a private broker and database server, two instances of every service, a steady
 * mixed load with malformed and duplicate events, one fault at a time while the load runs, then
 * a reconciliation of the databases and topics against what was sent.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`[chaos] ${line}\n`));
  const started = Date.now();
  const dir = chaosDirectory();
  log(`working directory ${dir}`);
  const snapshot = snapshotServices(basename(dir));
  log(`services compiled into ${snapshot.dir}`);
  const [postgres, kafka] = await Promise.all([PrivatePostgres.create(dir), PrivateKafka.create(dir)]);
  let fleet: Fleet | undefined;
  let testKafka: TestKafka | undefined;
  let admin: BrokerAdmin | undefined;
  let passed = false;
  try {
    await Promise.all([postgres.start(), kafka.start()]);
    log(`private PostgreSQL on ${postgres.port}, private Kafka on ${kafka.port}`);
    const broker = new KafkaJsBroker([kafka.brokers], createLogger('chaos', 'silent'));
    admin = await broker.admin('samenspel-chaos');
    await admin.ensureTopics(allTopicSpecs(TOPIC_SPECS));
    testKafka = clientFor(kafka.brokers);

    fleet = await Fleet.create(snapshot, dir, kafka.brokers, postgres.url);
    await fleet.start();
    log(`fleet ready: ${fleet.instances.map((i) => `${i.name} :${i.port}`).join(', ')}`);
    const db = new Databases(postgres.url);
    const catalogue = await seedCatalogue(fleet.of('activity')[0].baseUrl);
    await waitFor(
      async () =>
        (await db.count('referral', `SELECT count(*)::int AS n FROM team`)) === catalogue.teams &&
        (await db.count('waitlist-bridging', `SELECT count(*)::int AS n FROM known_activity`)) ===
          catalogue.activities,
      { timeoutMs: 120000, intervalMs: 250, description: 'the catalogue known to referral and bridging' },
    );
    log(`catalogue: ${catalogue.teams} teams, ${catalogue.activities} activities, ${catalogue.seats} seats`);

    const schedule = faultSchedule(options.repetitions, options.only);
    let loadDone = false;
    let loadError: unknown;
    const progress = { flows: 0 };
    const load = runLoad(testKafka, {
      progress,
      flows: options.flows,
      flowsPerSecond: options.flowsPerSecond,
      malformedShare: options.malformedShare ?? 0.01,
      duplicateShare: options.duplicateShare ?? 0.05,
      log,
    }).then(
      (ledger) => {
        loadDone = true;
        return ledger;
      },
      (error: unknown) => {
        loadDone = true;
        loadError = error;
        return undefined;
      },
    );

    // Spread the faults over the load: the n-th waits until n/(faults + 1) of the flows have started.
    const faults: ChaosResult['faults'] = [];
    for (const [n, fault] of schedule.entries()) {
      const due = Math.ceil(((n + 1) * options.flows) / (schedule.length + 1));
      await waitFor(() => loadDone || progress.flows >= due, {
        timeoutMs: 4 * 60 * 60 * 1000,
        intervalMs: 250,
        description: `${due} flows started before the next fault`,
      });
      const duringLoad = !loadDone;
      log(
        `fault ${faults.length + 1}/${schedule.length}: ${fault.kind}${fault.target ? ` ${fault.target}` : ''}`,
      );
      const result = { ...(await inject(fault, fleet, kafka, postgres)), duringLoad };
      faults.push(result);
      log(
        `  recovered in ${(result.recoveryMs / 1000).toFixed(1)} s${result.note ? ` (${result.note})` : ''}${result.failed ? ' FAILED' : ''}`,
      );
    }
    const ledger: LoadLedger | undefined = await load;
    if (!ledger) throw loadError;
    log(`load done: ${ledger.flows} flows, ${ledger.recordsSent} records; settling`);
    await fleet.allReady();
    const inFlight = await settle(db, admin, options.settleTimeoutMs ?? 15 * 60 * 1000, log);
    const reconciliation = await reconcile(ledger, db, testKafka);
    const unexpectedExits = fleet.events.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
    passed =
      reconciliation.lost === 0 &&
      reconciliation.duplicated === 0 &&
      reconciliation.overbooked === 0 &&
      reconciliation.wrongState === 0 &&
      reconciliation.deadLettered === reconciliation.malformedSent;
    const result: ChaosResult = {
      passed,
      reconciliation,
      faults,
      unexpectedExits,
      inFlight,
      durationMs: Date.now() - started,
      dir,
    };
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result, null, 2));
    return result;
  } finally {
    await fleet?.stop();
    fleet?.closeLogs();
    await testKafka?.close().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await Promise.all([kafka.stop(), postgres.stop()]);
    snapshot.remove();
    if (passed && !options.keep) removeDirectory(dir);
    else log(`kept ${dir} (service logs, result.json, broker and database data)`);
  }
}

/** A plain Kafka client on the private broker (TestKafka reads its brokers from the environment). */
function clientFor(brokers: string): TestKafka {
  const before = process.env.KAFKA_BROKERS;
  process.env.KAFKA_BROKERS = brokers;
  try {
    return new TestKafka();
  } finally {
    if (before === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = before;
  }
}

/** The counts as the run prints them. */
export function formatResult(result: ChaosResult): string {
  const r = result.reconciliation;
  const lines = [
    `events sent            ${r.eventsSent} records (${r.uniqueEvents} events, ${r.duplicateDeliveries} delivered twice)`,
    `processed              ${r.processed} (intake events and the services' own events, each applied once)`,
    `dead-lettered          ${r.deadLettered} of ${r.malformedSent} malformed, each with its reason`,
    `duplicates suppressed  ${r.duplicatesSuppressed}`,
    `lost: ${r.lost}`,
    `duplicated: ${r.duplicated}`,
    `overbooked: ${r.overbooked}`,
    `wrong final state: ${r.wrongState}`,
    `faults                 ${result.faults.length}, ${result.faults.filter((f) => f.duringLoad).length} while the load ran (${summariseFaults(result.faults)})`,
    `unexpected exits       ${result.unexpectedExits.length}`,
    `duration               ${(result.durationMs / 60000).toFixed(1)} min`,
    ...Object.entries(r.figures).map(([k, v]) => `  ${k}: ${v}`),
    ...Object.entries(r.problems).map(([k, p]) => `PROBLEM ${k}: ${p.count} (e.g. ${p.examples.join('; ')})`),
    ...result.faults
      .filter((f) => f.failed)
      .map((f) => `FAULT FAILED ${f.kind} ${f.target ?? ''}: ${f.note ?? ''}`),
    ...result.unexpectedExits.map((e) => `EXIT ${e.instance} at ${e.at}: ${e.what}`),
    result.passed ? 'PASSED' : 'FAILED',
  ];
  return lines.join('\n');
}

function summariseFaults(faults: FaultResult[]): string {
  const byKind = new Map<string, number[]>();
  for (const f of faults) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.recoveryMs]);
  return [...byKind]
    .map(([kind, ms]) => `${kind} ×${ms.length}, recovery ≤ ${(Math.max(...ms) / 1000).toFixed(0)} s`)
    .join('; ');
}
