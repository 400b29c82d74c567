import { serviceNamed } from '@samenspel/bootstrap';
import {
  ACTIVITY_EVENT_TYPES,
  BRIDGING_EVENT_TYPES,
  dlqTopic,
  REFERRAL_EVENT_TYPES,
  samenspelContracts,
  TASK_EVENT_TYPES,
  TOPICS,
  WAITLIST_EVENT_TYPES,
} from '@samenspel/contracts';
import type { BrokerAdmin } from '@samenspel/messaging';
import { waitFor, type RawRecord, type TestKafka } from '@samenspel/testing';
import { Client } from 'pg';
import type { FleetService } from './fleet';
import type { LoadLedger } from './load';

/** The event types each consuming service has a handler for (an event of another type is skipped by design). */
export const HANDLED: Record<Exclude<FleetService, 'activity'>, readonly string[]> = {
  'waitlist-bridging': [
    WAITLIST_EVENT_TYPES.entered,
    WAITLIST_EVENT_TYPES.updated,
    WAITLIST_EVENT_TYPES.exited,
    ACTIVITY_EVENT_TYPES.placementReleased,
    ACTIVITY_EVENT_TYPES.placementCancelled,
    ACTIVITY_EVENT_TYPES.placementCompleted,
    ACTIVITY_EVENT_TYPES.activityPublished,
    ACTIVITY_EVENT_TYPES.activityUpdated,
  ],
  referral: [
    REFERRAL_EVENT_TYPES.trajectoryEnded,
    REFERRAL_EVENT_TYPES.careReferralRequested,
    REFERRAL_EVENT_TYPES.careReferralAccepted,
    REFERRAL_EVENT_TYPES.careReferralRejected,
    TASK_EVENT_TYPES.completed,
    ACTIVITY_EVENT_TYPES.teamCreated,
    ACTIVITY_EVENT_TYPES.teamUpdated,
  ],
  notification: [
    BRIDGING_EVENT_TYPES.offered,
    BRIDGING_EVENT_TYPES.accepted,
    BRIDGING_EVENT_TYPES.offerWithdrawn,
    BRIDGING_EVENT_TYPES.declined,
    BRIDGING_EVENT_TYPES.expired,
    BRIDGING_EVENT_TYPES.ended,
    REFERRAL_EVENT_TYPES.created,
    REFERRAL_EVENT_TYPES.warmHandoverPlanned,
  ],
};
const contracts = samenspelContracts();
type Consumer = keyof typeof HANDLED;
const CONSUMERS = Object.keys(HANDLED) as Consumer[];
const SERVICE_TOPICS = [TOPICS.activity, TOPICS.bridging, TOPICS.referral, TOPICS.task];
const INTAKE_TOPICS = [TOPICS.waitlist, TOPICS.trajectory, TOPICS.jeugdzorgReferral];

/** Queries one service's database on the private server. */
export class Databases {
  constructor(private readonly serverUrl: string) {}

  async query<T = Record<string, unknown>>(
    service: FleetService,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    const client = new Client({ connectionString: `${this.serverUrl}/${serviceNamed(service).database}` });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async count(service: FleetService, sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: number }>(service, sql, params);
    return Number(row?.n ?? 0);
  }
}

/** What is still in flight: consumer lag, unsent outbox rows, entries waiting for the matcher, seats to release. */
export async function backlog(db: Databases, admin: BrokerAdmin): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const c of CONSUMERS) {
    const topics = [...new Set(HANDLED[c].map(topicOf))];
    const lag = await admin.consumerLag(serviceNamed(c).groupId, topics);
    result[`lag ${c}`] = lag.reduce((n, p) => n + p.lag, 0);
  }
  for (const s of ['activity', ...CONSUMERS] as FleetService[]) {
    result[`outbox ${s}`] = await db.count(
      s,
      `SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL`,
    );
  }
  result['matching'] = await db.count(
    'waitlist-bridging',
    `SELECT count(*)::int AS n FROM waitlist_entry WHERE status = 'matching'`,
  );
  result['release pending'] = await db.count(
    'waitlist-bridging',
    `SELECT count(*)::int AS n FROM bridging_offer WHERE release_pending`,
  );
  return result;
}

/** Waits until nothing is in flight, twice in a row (bounded): then the databases are final. */
export async function settle(
  db: Databases,
  admin: BrokerAdmin,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  let quietBefore = false;
  let last: Record<string, number> = {};
  let lastLog = 0;
  await waitFor(
    async () => {
      last = await backlog(db, admin);
      const quiet = Object.values(last).every((n) => n === 0);
      if (Date.now() - lastLog > 15000) {
        lastLog = Date.now();
        log(`settling: ${JSON.stringify(last)}`);
      }
      const settled = quiet && quietBefore;
      quietBefore = quiet;
      return settled;
    },
    { timeoutMs, intervalMs: 2000, description: 'the system to settle' },
  ).catch((error: Error) => log(`not settled: ${error.message}; reconciling what there is`));
  return last;
}

export interface Reconciliation {
  eventsSent: number;
  uniqueEvents: number;
  validEvents: number;
  malformedSent: number;
  duplicateDeliveries: number;
  processed: number;
  deadLettered: number;
  duplicatesSuppressed: number;
  lost: number;
  duplicated: number;
  overbooked: number;
  wrongState: number;
  /** Each problem found, by kind, with a few examples. */
  problems: Record<string, { count: number; examples: string[] }>;
  figures: Record<string, number>;
}

/**
 * Checks the databases and topics against what the intake systems sent: every valid event applied
 * exactly once by its consumer, every malformed one dead-lettered with its reason, every flow in
 * its expected final state, every downstream event applied by each consumer, every task once, no
 * activity over its capacity and no seat held for an offer that is gone.
 */
export async function reconcile(
  ledger: LoadLedger,
  db: Databases,
  kafka: TestKafka,
): Promise<Reconciliation> {
  const problems: Reconciliation['problems'] = {};
  const problem = (kind: string, example: string) => {
    const p = (problems[kind] ??= { count: 0, examples: [] });
    p.count += 1;
    if (p.examples.length < 5) p.examples.push(example);
  };
  const figures: Record<string, number> = {};
  const inbox = new Map<Consumer, Map<string, number>>();
  for (const c of CONSUMERS) {
    const rows = await db.query<{ source: string; event_id: string }>(
      c,
      `SELECT source, event_id FROM inbox_event WHERE consumer = $1`,
      [serviceNamed(c).groupId],
    );
    const seen = new Map<string, number>();
    for (const r of rows)
      seen.set(`${r.source} ${r.event_id}`, (seen.get(`${r.source} ${r.event_id}`) ?? 0) + 1);
    inbox.set(c, seen);
  }
  const consumerOf = (type: string): Consumer | undefined => CONSUMERS.find((c) => HANDLED[c].includes(type));

  // 1. The intake events: valid ones applied once, malformed ones dead-lettered with a reason.
  const dlq = new Map<string, RawRecord[]>();
  for (const topic of [...INTAKE_TOPICS, ...SERVICE_TOPICS])
    dlq.set(topic, await kafka.readAll(dlqTopic(topic)));
  // Matched by the event id the load put in a header, never by the value: a dead letter's value is
  // rewritten when fields outside the contract are redacted (dlq-redacted).
  const deadLetteredIds = new Map<string, RawRecord>();
  for (const topic of INTAKE_TOPICS) {
    for (const r of dlq.get(topic)!) {
      const id = r.headers['chaos-event-id'];
      if (id) deadLetteredIds.set(id, r);
    }
  }
  figures['malformed delivered twice'] = 0;
  figures['dead letters redacted'] = 0;
  let processed = 0;
  let deadLettered = 0;
  let suppressed = 0;
  for (const e of ledger.events.values()) {
    const letter = deadLetteredIds.get(e.id);
    if (e.malformed) {
      if (e.deliveries > 1) figures['malformed delivered twice'] += 1;
      if (letter && letter.headers['dlq-reason']) {
        deadLettered += 1;
        if (letter.headers['dlq-redacted']) figures['dead letters redacted'] += 1;
        else if (/should not exist/.test(letter.headers['dlq-reason']))
          problem('field outside the contract kept in clear in a dead letter', `${e.type} ${e.id}`);
      } else problem('malformed event not in the .dlq with a reason', `${e.type} ${e.id}`);
      continue;
    }
    if (letter)
      problem('valid event dead-lettered (lost)', `${e.type} ${e.id}: ${letter.headers['dlq-reason']}`);
    const consumer = consumerOf(e.type)!;
    const applied = inbox.get(consumer)!.get(`${e.source} ${e.id}`) ?? 0;
    if (applied === 0) problem('valid event never applied (lost)', `${e.type} ${e.id}`);
    if (applied > 1) problem('event applied more than once', `${e.type} ${e.id}`);
    if (applied >= 1) processed += 1;
    if (applied === 1 && e.deliveries > 1) suppressed += 1;
  }

  // 2. The services' own events: each applied by every service that handles its type; none dead-lettered.
  const offeredIds = new Map<string, Set<string>>();
  for (const topic of SERVICE_TOPICS) {
    const records = await kafka.readAll(topic);
    const ids = new Set<string>();
    for (const r of records) {
      let event: { id: string; source: string; type: string; data?: Record<string, unknown> };
      try {
        event = JSON.parse(r.value ?? '');
      } catch {
        problem('unreadable record on a service topic', `${topic}@${r.partition}:${r.offset}`);
        continue;
      }
      if (ids.has(event.id)) {
        figures['relay re-sends (same event id twice on a topic)'] =
          (figures['relay re-sends (same event id twice on a topic)'] ?? 0) + 1;
        continue;
      }
      ids.add(event.id);
      if (event.type === BRIDGING_EVENT_TYPES.offered) {
        const offerId = String(event.data?.offerId);
        offeredIds.set(offerId, (offeredIds.get(offerId) ?? new Set()).add(event.id));
      }
      for (const c of CONSUMERS) {
        if (!HANDLED[c].includes(event.type)) continue;
        const applied = inbox.get(c)!.get(`${event.source} ${event.id}`) ?? 0;
        if (applied === 0) problem(`${c} never applied a service event (lost)`, `${event.type} ${event.id}`);
        else processed += 1;
      }
    }
    figures[`events on ${topic}`] = ids.size;
    for (const r of dlq.get(topic)!)
      problem(`dead letter on ${dlqTopic(topic)}`, `${r.headers['dlq-reason']}`);
  }
  for (const [offerId, ids] of offeredIds) {
    if (ids.size > 1) problem('offer published twice (two offered events)', offerId);
  }

  // 3. Waiting-list entries: one record each, in the state its last valid event asks for, at most one open offer.
  const entries = new Map(
    (
      await db.query<{ id: string; status: string; weeks: number; exit_reason: string | null; open: number }>(
        'waitlist-bridging',
        `SELECT e.waitlist_entry_id AS id, e.status, e.expected_wait_weeks AS weeks, e.exit_reason,
                (SELECT count(*)::int FROM bridging_offer o WHERE o.waitlist_entry_id = e.waitlist_entry_id AND o.status = 'open') AS open
           FROM waitlist_entry e`,
      )
    ).map((e) => [e.id, e]),
  );
  const statuses: Record<string, number> = {};
  for (const flow of ledger.waitlist.values()) {
    const entry = entries.get(flow.waitlistEntryId);
    entries.delete(flow.waitlistEntryId);
    if (!flow.enteredValid) {
      if (entry) problem('entry recorded from a malformed event', flow.waitlistEntryId);
      continue;
    }
    if (!entry) {
      problem('waitlist entry missing (lost)', flow.waitlistEntryId);
      continue;
    }
    statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
    if (entry.open > 1) problem('more than one open offer for an entry', flow.waitlistEntryId);
    if (flow.exitReason) {
      if (entry.status !== 'ended' || entry.exit_reason !== flow.exitReason)
        problem('exited entry not ended with its reason', `${flow.waitlistEntryId}: ${entry.status}`);
      if (entry.open > 0) problem('ended entry still has an open offer', flow.waitlistEntryId);
    } else {
      if (entry.status === 'ended') problem('entry ended without an exit', flow.waitlistEntryId);
      if (entry.weeks !== flow.expectedWaitWeeks)
        problem(
          'entry not at its last update',
          `${flow.waitlistEntryId}: ${entry.weeks} ≠ ${flow.expectedWaitWeeks}`,
        );
    }
  }
  for (const id of entries.keys()) problem('entry nobody sent', id);
  for (const [status, n] of Object.entries(statuses)) figures[`entries ${status}`] = n;

  // 4. Seats: never over capacity, counters equal to the placements, no hold without its open offer.
  const activities = await db.query<{
    id: string;
    capacity: number;
    held: number;
    confirmed: number;
    active: number;
  }>(
    'activity',
    `SELECT a.id, a.capacity, a.held, a.confirmed,
            (SELECT count(*)::int FROM placement p WHERE p.activity_id = a.id AND p.status IN ('held', 'confirmed')) AS active
       FROM activity a`,
  );
  let overbooked = 0;
  for (const a of activities) {
    if (a.active > a.capacity || a.held + a.confirmed > a.capacity) {
      overbooked += 1;
      problem('activity overbooked', `${a.id}: ${a.active} seats taken of ${a.capacity}`);
    }
    if (a.active !== a.held + a.confirmed)
      problem('seat counters differ from the placements', `${a.id}: ${a.held}+${a.confirmed} ≠ ${a.active}`);
  }
  figures['seats taken'] = activities.reduce((n, a) => n + a.active, 0);
  figures['seats'] = activities.reduce((n, a) => n + a.capacity, 0);
  const held = new Set(
    (await db.query<{ id: string }>('activity', `SELECT id::text FROM placement WHERE status = 'held'`)).map(
      (p) => p.id,
    ),
  );
  const openOffers = await db.query<{ placement_id: string; offer_id: string }>(
    'waitlist-bridging',
    `SELECT placement_id, offer_id::text FROM bridging_offer WHERE status = 'open'`,
  );
  for (const o of openOffers) {
    if (!held.has(o.placement_id)) problem('open offer without its held seat', o.offer_id);
    held.delete(o.placement_id);
  }
  for (const id of held) problem('seat held for no open offer (release lost)', id);

  // 5. Referrals: one per handover with follow-up wanted, one per parallel referral, none else.
  const referrals = await db.query<{
    origin: string;
    external_ref: string;
    n: number;
    routed: number;
    id: string;
    direction: string;
    phase: string;
  }>(
    'referral',
    `SELECT origin, external_ref, count(*)::int AS n, count(receiving_team_id)::int AS routed, min(id::text) AS id,
            min(direction) AS direction, min(phase) AS phase
       FROM referral GROUP BY origin, external_ref`,
  );
  const expected = new Map<string, boolean>();
  for (const [trajectoryId, wanted] of ledger.handovers)
    if (wanted) expected.set(`trajectory-ended ${trajectoryId}`, false);
  for (const referralId of ledger.careReferrals) expected.set(`care-referral-event ${referralId}`, false);
  const tasksExpected: string[] = [];
  for (const r of referrals) {
    const key = `${r.origin} ${r.external_ref}`;
    if (!expected.has(key)) problem('referral nobody asked for', key);
    else expected.set(key, true);
    if (r.n > 1) problem('referral created more than once', key);
    if (r.routed > 0 && r.direction === 'care-to-youth-work')
      tasksExpected.push(`${r.phase === 'after' ? 'handover-intake' : 'referral-intake'}:${r.id}`);
  }
  for (const [key, found] of expected) if (!found) problem('referral missing (lost)', key);
  figures['referrals'] = referrals.length;

  // 6. Tasks: one per offer published and per routed referral, each once; a withdrawn offer's task cancelled.
  const tasks = new Map(
    (
      await db.query<{ source_key: string; status: string; n: number }>(
        'notification',
        `SELECT source_key, min(status) AS status, count(*)::int AS n FROM task GROUP BY source_key`,
      )
    ).map((t) => [t.source_key, t]),
  );
  const offerStatus = new Map(
    (
      await db.query<{ offer_id: string; status: string }>(
        'waitlist-bridging',
        `SELECT offer_id::text, status FROM bridging_offer`,
      )
    ).map((o) => [o.offer_id, o.status]),
  );
  for (const offerId of offeredIds.keys()) tasksExpected.push(`bridging-offer:${offerId}`);
  for (const key of tasksExpected) {
    const task = tasks.get(key);
    if (!task) {
      problem('task missing (lost)', key);
      continue;
    }
    if (task.n > 1) problem('task created more than once', key);
    const offerId = key.startsWith('bridging-offer:') ? key.slice('bridging-offer:'.length) : undefined;
    if (offerId && offerStatus.get(offerId) === 'withdrawn' && task.status !== 'cancelled')
      problem('task of a withdrawn offer not cancelled', `${key}: ${task.status}`);
  }
  figures['tasks'] = tasks.size;

  const count = (kinds: (k: string) => boolean) =>
    Object.entries(problems)
      .filter(([k]) => kinds(k))
      .reduce((n, [, p]) => n + p.count, 0);
  const isLost = (k: string) => /lost|missing|not in the \.dlq|dead letter on/.test(k);
  const isDuplicated = (k: string) => /more than once|twice|nobody|from a malformed/.test(k);
  const isOverbooked = (k: string) => /overbooked|counters/.test(k);
  return {
    eventsSent: ledger.recordsSent,
    uniqueEvents: ledger.events.size,
    validEvents: ledger.events.size - ledger.malformed,
    malformedSent: ledger.malformed,
    duplicateDeliveries: ledger.duplicateDeliveries,
    processed,
    deadLettered,
    duplicatesSuppressed: suppressed,
    lost: count(isLost),
    duplicated: count(isDuplicated),
    overbooked,
    wrongState: count((k) => !isLost(k) && !isDuplicated(k) && !isOverbooked(k)),
    problems,
    figures,
  };
}

function topicOf(type: string): string {
  return contracts.get(type)!.topic;
}
