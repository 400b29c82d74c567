import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { REFERRAL_EVENT_TYPES, samenspelContracts, TOPICS } from '@samenspel/contracts';
import { decodeEvent, validateData, type IncomingMessage } from '@samenspel/messaging';
import {
  enteredEvent,
  exitedEvent,
  INTAKE_SYSTEMS,
  INTERESTS,
  malform,
  TestKafka,
  toRecord,
  trajectoryEndedEvent,
  updatedEvent,
  validConsentFor,
  type KafkaRecord,
  type SyntheticEvent,
} from '@samenspel/testing';

/** What the intake systems sent: the ground truth the reconciler checks the databases and topics against. */
export interface SentEvent {
  id: string;
  source: string;
  type: string;
  topic: string;
  malformed: boolean;
  /** How many times it was delivered (2 for a duplicate delivery). */
  deliveries: number;
}

export interface WaitlistFlow {
  waitlistEntryId: string;
  youthRef: string;
  /** The valid events that reached the topic, in order; the final state follows from them. */
  enteredValid: boolean;
  expectedWaitWeeks?: number;
  exitReason?: string;
}

export interface LoadLedger {
  events: Map<string, SentEvent>;
  waitlist: Map<string, WaitlistFlow>;
  /** trajectoryId → whether a referral (handover) is expected: a valid event with follow-up wanted. */
  handovers: Map<string, boolean>;
  /** referralId of youth care's parallel referrals that were sent valid. */
  careReferrals: Set<string>;
  flows: number;
  recordsSent: number;
  duplicateDeliveries: number;
  malformed: number;
}

export interface LoadOptions {
  flows: number;
  /** New flows per second. */
  flowsPerSecond: number;
  malformedShare: number;
  duplicateShare: number;
  log: (line: string) => void;
  /** Kept up to date with the flows started so far, for pacing the faults. */
  progress?: { flows: number };
}

interface Step {
  due: number;
  flow: Flow;
  /** A re-delivery of a record sent before (a duplicate that arrives later). */
  resend?: { topic: string; record: KafkaRecord };
}

interface Flow {
  kind: 'waitlist' | 'handover' | 'care-referral';
  steps: (() => { topic: string; event: SyntheticEvent })[];
  next: number;
  abandoned: boolean;
}

const contracts = samenspelContracts();
const BINARY_SHARE = 0.2;
const TICK_MS = 100;

/**
 * The intake systems under steady load: waiting-list flows (entered, updated, exited), ended
 * trajectories (handovers) and parallel referrals, interleaved, keyed by youthRef. A share of the
 * events is malformed (and ends its flow, as a broken intake system's would), a share is
 * delivered twice (at once or seconds later). Sends are retried until the broker takes them, so a
 * broker restart delays the load but loses nothing.
 */
export async function runLoad(kafka: TestKafka, options: LoadOptions): Promise<LoadLedger> {
  const ledger: LoadLedger = {
    events: new Map(),
    waitlist: new Map(),
    handovers: new Map(),
    careReferrals: new Set(),
    flows: 0,
    recordsSent: 0,
    duplicateDeliveries: 0,
    malformed: 0,
  };
  const pending: Step[] = [];
  const started = Date.now();
  let lastLog = started;
  while (ledger.flows < options.flows || pending.length > 0) {
    const now = Date.now();
    const dueFlows = Math.min(
      options.flows,
      Math.floor(((now - started) / 1000) * options.flowsPerSecond) + 1,
    );
    while (ledger.flows < dueFlows) {
      ledger.flows += 1;
      pending.push({ due: now, flow: newFlow(ledger) });
    }
    if (options.progress) options.progress.flows = ledger.flows;
    const due = pending.filter((s) => s.due <= now);
    for (const s of due) pending.splice(pending.indexOf(s), 1);
    const batches = new Map<string, KafkaRecord[]>();
    const add = (topic: string, record: KafkaRecord) =>
      batches.set(topic, [...(batches.get(topic) ?? []), record]);
    for (const step of due) {
      if (step.resend) {
        add(step.resend.topic, step.resend.record);
        continue;
      }
      const { flow } = step;
      if (flow.abandoned || flow.next >= flow.steps.length) continue;
      const { topic, event } = flow.steps[flow.next]();
      flow.next += 1;
      const malformed = Math.random() < options.malformedShare;
      let record = withChaosHeaders(
        toRecord(event, Math.random() < BINARY_SHARE ? 'binary' : 'structured'),
        event.id,
        malformed,
      );
      if (malformed) {
        record = malformedRecord(record, event, topic);
        flow.abandoned = true;
        ledger.malformed += 1;
      }
      const sent: SentEvent = {
        id: event.id,
        source: event.source,
        type: event.type,
        topic,
        malformed,
        deliveries: 1,
      };
      ledger.events.set(event.id, sent);
      if (!malformed) recordValid(ledger, event);
      add(topic, record);
      if (Math.random() < options.duplicateShare) {
        sent.deliveries = 2;
        ledger.duplicateDeliveries += 1;
        if (Math.random() < 0.5) add(topic, record);
        else pending.push({ due: now + 2000 + randomInt(8000), flow, resend: { topic, record } });
      }
      if (!flow.abandoned && flow.next < flow.steps.length) {
        pending.push({ due: now + 1000 + randomInt(14000), flow });
      }
    }
    for (const [topic, records] of batches) {
      await sendUntilTaken(kafka, topic, records, options.log);
      ledger.recordsSent += records.length;
    }
    if (now - lastLog > 15000) {
      lastLog = now;
      options.log(`load: ${ledger.flows}/${options.flows} flows started, ${ledger.recordsSent} records sent`);
    }
    const wait = TICK_MS - (Date.now() - now);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return ledger;
}

function newFlow(ledger: LoadLedger): Flow {
  const roll = Math.random();
  const system = INTAKE_SYSTEMS[randomInt(INTAKE_SYSTEMS.length)];
  if (roll < 0.8) {
    const entered = enteredEvent(system.source);
    const ref = {
      waitlistEntryId: String(entered.data.waitlistEntryId),
      youthRef: String(entered.data.youthRef),
    };
    ledger.waitlist.set(ref.waitlistEntryId, { ...ref, enteredValid: false });
    const steps: Flow['steps'] = [() => ({ topic: TOPICS.waitlist, event: entered })];
    for (let i = randomInt(3); i > 0; i--) {
      steps.push(() => ({
        topic: TOPICS.waitlist,
        event: updatedEvent(system.source, { ...ref, expectedWaitWeeks: randomInt(2, 30) }),
      }));
    }
    if (Math.random() < 0.4) {
      const reason = (['care-started', 'withdrawn', 'moved', 'other'] as const)[randomInt(4)];
      steps.push(() => ({ topic: TOPICS.waitlist, event: exitedEvent(system.source, { ...ref, reason }) }));
    }
    return { kind: 'waitlist', steps, next: 0, abandoned: false };
  }
  const youthRef = `yr_${randomBytes(6).toString('hex')}`;
  const ageYears = randomInt(12, 21);
  const municipalityCode = system.municipalities[0];
  const postcode4 = system.postcodes[randomInt(system.postcodes.length)];
  if (roll < 0.9) {
    return {
      kind: 'handover',
      steps: [
        () => ({
          topic: TOPICS.trajectory,
          event: trajectoryEndedEvent(system.source, youthRef, ageYears, municipalityCode, postcode4),
        }),
      ],
      next: 0,
      abandoned: false,
    };
  }
  return {
    kind: 'care-referral',
    steps: [
      () => ({
        topic: TOPICS.jeugdzorgReferral,
        event: careReferralRequested(
          system.source,
          system.prefix,
          youthRef,
          ageYears,
          municipalityCode,
          postcode4,
        ),
      }),
    ],
    next: 0,
    abandoned: false,
  };
}

function careReferralRequested(
  source: string,
  prefix: string,
  youthRef: string,
  ageYears: number,
  municipalityCode: string,
  postcode4: string,
): SyntheticEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type: REFERRAL_EVENT_TYPES.careReferralRequested,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      referralId: `${prefix}-REF-${randomBytes(5).toString('hex')}`,
      youthRef,
      ageYears,
      postcode4,
      municipalityCode,
      reason: 'talent',
      interests: [INTERESTS[randomInt(INTERESTS.length)]],
      consent: { youthWork: true, givenBy: validConsentFor(ageYears), givenAt: new Date().toISOString() },
      requestedBy: { organisation: 'Zorgaanbieder Synthetisch', role: 'care-worker' },
    },
  };
}

/** The effect a valid event is expected to have, by the rules of the receiving service. */
function recordValid(ledger: LoadLedger, event: SyntheticEvent): void {
  const d = event.data;
  switch (event.type) {
    case 'nl.jeugdzorg.waitlist.entered.v1': {
      const flow = ledger.waitlist.get(String(d.waitlistEntryId))!;
      flow.enteredValid = true;
      flow.expectedWaitWeeks = Number(d.expectedWaitWeeks);
      break;
    }
    case 'nl.jeugdzorg.waitlist.updated.v1': {
      const flow = ledger.waitlist.get(String(d.waitlistEntryId))!;
      // An update of an entry that never arrived changes nothing.
      if (flow.enteredValid && !flow.exitReason) flow.expectedWaitWeeks = Number(d.expectedWaitWeeks);
      break;
    }
    case 'nl.jeugdzorg.waitlist.exited.v1': {
      const flow = ledger.waitlist.get(String(d.waitlistEntryId))!;
      if (flow.enteredValid) flow.exitReason = String(d.reason);
      break;
    }
    case REFERRAL_EVENT_TYPES.trajectoryEnded:
      ledger.handovers.set(String(d.trajectoryId), d.followUpWanted === true);
      break;
    case REFERRAL_EVENT_TYPES.careReferralRequested:
      ledger.careReferrals.add(String(d.referralId));
      break;
  }
}

function withChaosHeaders(record: KafkaRecord, eventId: string, malformed: boolean): KafkaRecord {
  return {
    ...record,
    headers: {
      ...record.headers,
      'chaos-event-id': eventId,
      ...(malformed && { 'chaos-malformed': 'true' }),
    },
  };
}

/** A malformed version that the consumer is certain to refuse (checked here with the consumer's own rules). */
function malformedRecord(record: KafkaRecord, event: SyntheticEvent, topic: string): KafkaRecord {
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = malform(record, event);
    if (refused(candidate, topic)) return { ...candidate, headers: record.headers };
  }
  return { ...record, value: record.value.slice(0, Math.max(1, record.value.length - 7)) };
}

function refused(record: KafkaRecord, topic: string): boolean {
  try {
    const message: IncomingMessage = {
      topic,
      timestamp: String(Date.now()),
      partition: 0,
      offset: '0',
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(
        Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(String(v))]),
      ),
    };
    const decoded = decodeEvent(message);
    const contract = contracts.get(decoded.type);
    if (!contract || contract.topic !== topic) return true;
    return validateData(contract.dataClass, decoded.data).errors.length > 0;
  } catch {
    return true;
  }
}

async function sendUntilTaken(
  kafka: TestKafka,
  topic: string,
  records: KafkaRecord[],
  log: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + 10 * 60 * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await kafka.produce(topic, records);
      return;
    } catch (error) {
      // A send that failed may still have been written: the retry is one more duplicate delivery,
      // which the consumers must absorb like any other.
      if (Date.now() > deadline) throw error;
      if (attempt === 1) log(`load: send to ${topic} failed (${(error as Error).message}); retrying`);
      await new Promise((r) => setTimeout(r, Math.min(5000, 200 * attempt)));
    }
  }
}
