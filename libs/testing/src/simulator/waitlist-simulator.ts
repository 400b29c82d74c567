import { randomInt } from 'node:crypto';
import type { WaitlistExitReason } from '@samenspel/contracts';
import { Kafka, logLevel } from 'kafkajs';
import {
  enteredEvent,
  exitedEvent,
  INTAKE_SYSTEMS,
  toRecord,
  trajectoryEndedEvent,
  updatedEvent,
  type KafkaRecord,
  type SyntheticEvent,
} from './waitlist-events';
import {
  IntakeSystem,
  type EnteredYoungster,
  type IntakeSystemOptions,
  type IntakeSystemReport,
} from './intake-system';
import { playYouthWorkers, type YouthWorkerOptions, type YouthWorkerReport } from './youth-worker';

export interface SimulatorOptions {
  /** Events per second. */
  rate: number;
  /** Seconds to run. */
  duration: number;
  /** Share of events made malformed (0-1). */
  malformed: number;
  /** Share of events sent twice (0-1). */
  duplicates: number;
  /** Share of events in binary content mode (0-1); the rest structured. */
  binary: number;
  brokers: string[];
  /** Also play the youth workers, who accept a share of the offers; absent: intake only. */
  youthWorkers?: YouthWorkerOptions;
  /** Also make the intake system's own HTTP calls, with a client credentials token; absent: events only. */
  intakeSystem?: IntakeSystemOptions;
  log?: (line: string) => void;
}

export interface SimulatorReport {
  sent: number;
  byType: Record<string, number>;
  malformed: number;
  duplicates: number;
  binary: number;
  youthWorkers?: YouthWorkerReport;
  intakeSystem?: IntakeSystemReport;
}

/** How long the youth workers go on after the last intake event, for the offers it still brings. */
export const YOUTH_WORKER_GRACE_SECONDS = 15;

const WAITLIST = 'jeugdzorg.waitlist.v1';
const TRAJECTORY = 'jeugdzorg.trajectory.v1';
const ENTERED = 'nl.jeugdzorg.waitlist.entered.v1';

interface Waiting {
  source: string;
  waitlistEntryId: string;
  youthRef: string;
  ageYears: number;
  municipalityCode: string;
  postcode4: string;
}

/**
 * Acts as the intake systems of two regions: youngsters enter waiting lists, some are updated,
 * some leave (mostly because care started, and then their trajectory ends later), through a
 * plain Kafka producer, following the inbound contract. On request it makes some events
 * malformed (broken JSON, a forbidden field, an invalid value) or sends them twice, and plays
 * the youth workers, who accept a share of the offers through the public APIs, and makes the intake
 * system's own HTTP calls with a client credentials token (libs/testing/src/simulator/intake-system.ts).
 */
export async function runSimulator(options: SimulatorOptions): Promise<SimulatorReport> {
  const log = options.log ?? (() => undefined);
  const kafka = new Kafka({
    clientId: 'samenspel-intake-simulator',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const report: SimulatorReport = { sent: 0, byType: {}, malformed: 0, duplicates: 0, binary: 0 };
  const waiting: Waiting[] = [];
  const total = Math.max(1, Math.round(options.rate * options.duration));
  const interval = 1000 / options.rate;
  const started = Date.now();
  let intakeEnded = Infinity;
  const takingPart = new Set<string>();
  const workers = options.youthWorkers
    ? playYouthWorkers(
        options.youthWorkers,
        () => intakeEnded + YOUTH_WORKER_GRACE_SECONDS * 1000,
        log,
        (youthRef) => takingPart.add(youthRef),
      )
    : undefined;
  const intake = options.intakeSystem ? new IntakeSystem(options.intakeSystem, log) : undefined;
  try {
    for (let i = 0; i < total; i++) {
      const { topic, event } = nextEvent(waiting, takingPart);
      const mode = Math.random() < options.binary ? 'binary' : 'structured';
      let record = toRecord(event, mode);
      if (Math.random() < options.malformed) {
        record = malform(record, event);
        report.malformed += 1;
      }
      const records = [record];
      if (Math.random() < options.duplicates) {
        records.push(record);
        report.duplicates += 1;
      }
      await producer.send({ topic, acks: -1, messages: records });
      report.sent += records.length;
      report.binary += mode === 'binary' ? records.length : 0;
      report.byType[event.type] = (report.byType[event.type] ?? 0) + records.length;
      if (intake && event.type === ENTERED)
        await intake.maybeRefer(event.data as unknown as EnteredYoungster);
      if ((i + 1) % Math.max(1, Math.round(options.rate * 5)) === 0) log(`sent ${i + 1}/${total} events`);
      const due = started + (i + 1) * interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    intakeEnded = Date.now();
    await producer.disconnect();
  }
  if (workers) {
    log(`intake done; the youth workers answer offers for ${YOUTH_WORKER_GRACE_SECONDS} s more`);
    report.youthWorkers = await workers;
  }
  if (intake) report.intakeSystem = await intake.finish();
  return report;
}

/**
 * The next intake event. `takingPart`: the waiting youngsters whose offer the simulated youth
 * workers accepted; an exit because care is no longer needed goes to one of them when there is one.
 */
function nextEvent(waiting: Waiting[], takingPart: Set<string>): { topic: string; event: SyntheticEvent } {
  const roll = Math.random();
  // Roughly: 70 % new entries, 15 % updates, 12 % exits, 3 % ended trajectories.
  if (waiting.length === 0 || roll < 0.7) {
    const system = INTAKE_SYSTEMS[randomInt(INTAKE_SYSTEMS.length)];
    const event = enteredEvent(system.source);
    const d = event.data as unknown as Waiting;
    waiting.push({
      source: system.source,
      waitlistEntryId: d.waitlistEntryId,
      youthRef: d.youthRef,
      ageYears: d.ageYears,
      municipalityCode: d.municipalityCode,
      postcode4: d.postcode4,
    });
    return { topic: WAITLIST, event };
  }
  let index = randomInt(waiting.length);
  let w = waiting[index];
  if (roll < 0.85) {
    return {
      topic: WAITLIST,
      event: updatedEvent(w.source, {
        waitlistEntryId: w.waitlistEntryId,
        youthRef: w.youthRef,
        expectedWaitWeeks: randomInt(2, 20),
      }),
    };
  }
  if (roll < 0.97) {
    const reason = exitReason(Math.random());
    // The need for care passes for a youngster who takes part in youth work: prevention.
    if (reason === 'care-no-longer-needed') {
      const taking = waiting.findIndex((y) => takingPart.has(y.youthRef));
      if (taking >= 0) [index, w] = [taking, waiting[taking]];
    }
    waiting.splice(index, 1);
    takingPart.delete(w.youthRef);
    return {
      topic: WAITLIST,
      event: exitedEvent(w.source, { waitlistEntryId: w.waitlistEntryId, youthRef: w.youthRef, reason }),
    };
  }
  waiting.splice(index, 1);
  return {
    topic: TRAJECTORY,
    event: trajectoryEndedEvent(w.source, w.youthRef, w.ageYears, w.municipalityCode, w.postcode4),
  };
}

/** Three kinds of broken events an intake system might send: the consumer dead-letters each with a reason. */
export function malform(record: KafkaRecord, event: SyntheticEvent): KafkaRecord {
  const kind = randomInt(3);
  if (kind === 0) return { ...record, value: record.value.slice(0, Math.max(1, record.value.length - 7)) };
  const data = { ...event.data, ...(kind === 1 ? { bsn: '000000000' } : { ageYears: 99 }) };
  const structured = !Object.keys(record.headers).some((h) => h.startsWith('ce_'));
  return { ...record, value: JSON.stringify(structured ? { ...event, data } : data) };
}

/**
 * The share of exits whose reason is care-no-longer-needed: 2 in 5, so that the impact's prevention
 * measure is over the smallest cell (5) for each development municipality within a few minutes of
 * simulating (four default runs: about 12 each).
 */
export const CARE_NO_LONGER_NEEDED_SHARE = 0.4;

/** The reason of an exit for a roll in [0, 1): 40 % care no longer needed, 36 % care started, the rest split. */
export function exitReason(roll: number): WaitlistExitReason {
  if (roll < CARE_NO_LONGER_NEEDED_SHARE) return 'care-no-longer-needed';
  if (roll < 0.76) return 'care-started';
  if (roll < 0.84) return 'withdrawn';
  return roll < 0.92 ? 'moved' : 'other';
}
