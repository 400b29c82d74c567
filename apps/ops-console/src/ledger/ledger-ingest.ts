import {
  BRIDGING_EVENT_TYPES,
  REFERRAL_EVENT_TYPES,
  TASK_EVENT_TYPES,
  WAITLIST_EVENT_TYPES,
  ACTIVITY_EVENT_TYPES,
  type CloudEvent,
} from '@samenspel/contracts';
import { decodeEvent, EnvelopeError, headerString, type IncomingMessage } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { deadLetterCoordinates } from '../domain/dead-letter-record';
import { extractRefs, youthRefOf } from '../domain/event-refs';
import { FOLLOW_UP_OUTCOMES_SHOWN, monthOf } from '../domain/impact';
import { handoverDeadline, type StuckThresholds } from '../domain/stuck-rules';

type Data = Record<string, unknown>;

/** A waitlist entry's row as an upsert returns it. */
type EntryTimes = { entered_at: Date | null; offered_at: Date | null; municipality_code: string | null };

const FIRST_CONTACT_OUTCOMES = ['reached', 'engaged-in-activity', 'internship-or-work-found'];
const REFERRAL_CLOSED = ['rejected', 'cancelled', 'failed', 'completed'];

/** What recording one record did: its ledger row's id when it was recorded for the first time. */
export type LedgerEntry =
  { outcome: 'recorded'; ledgerId: string; youthRef: string | null } | { outcome: 'duplicate' };

/**
 * The impact counter increments of one transaction, added up in memory and written in one
 * statement just before the transaction commits (`flush`). Nothing reads the counters while
 * recording, so the totals are the same as counting each event at once; a counter row is locked
 * only at the end of the transaction, and concurrent transactions lock the rows in one order.
 */
export class ImpactTally {
  private readonly increments = new Map<
    string,
    { municipality: string; month: string; measure: string; by: number }
  >();

  add(municipality: string, month: string, measure: string): void {
    const key = JSON.stringify([municipality, month, measure]);
    const increment = this.increments.get(key);
    if (increment) increment.by += 1;
    else this.increments.set(key, { municipality, month, measure, by: 1 });
  }

  async flush(em: EntityManager): Promise<void> {
    if (this.increments.size === 0) return;
    const rows = [...this.increments.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
    this.increments.clear();
    await em.query(
      `INSERT INTO impact_counter (municipality_code, month, measure, count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (municipality_code, month, measure) DO UPDATE SET count = impact_counter.count + EXCLUDED.count`,
      [
        rows.map((r) => r.municipality),
        rows.map((r) => r.month),
        rows.map((r) => r.measure),
        rows.map((r) => r.by),
      ],
    );
  }
}

/** A subject to count once per measure, and what counting it adds. */
interface ImpactFact {
  measure: string;
  subject: string;
  municipality: string;
  month: string;
  /** A measure counted too when the subject is counted (attendance_present). */
  alsoCount?: string;
  /** The first offer's latency, kept when the subject is counted (first_offers). */
  firstOfferSeconds?: number;
}

/**
 * The impact facts (measure, subject) that the projections of one batch of records count, inserted
 * in one statement once the batch is projected (`flush`). A subject counts the first time it comes
 * in the batch, unless impact_fact has it: the same as inserting each fact at once, since nothing
 * reads impact_fact while the batch is projected. Flushed before any erasure, which rewrites facts.
 */
class ImpactFacts {
  private readonly pending = new Map<string, ImpactFact>();

  add(fact: ImpactFact): void {
    // PostgreSQL receives the UTF-8 of the subject: a lone surrogate arrives as U+FFFD.
    const subject = Buffer.from(fact.subject, 'utf8').toString('utf8');
    const key = JSON.stringify([fact.measure, subject]);
    if (!this.pending.has(key)) this.pending.set(key, { ...fact, subject });
  }

  async flush(em: EntityManager, counters: ImpactTally): Promise<void> {
    if (this.pending.size === 0) return;
    // One order of the unique index keys for concurrent transactions.
    const facts = [...this.pending.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, fact]) => fact);
    const latencies = facts.filter((f) => f.firstOfferSeconds !== undefined);
    const counted = (await em.query(
      `WITH counted AS (
         INSERT INTO impact_fact (measure, subject) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT DO NOTHING RETURNING measure, subject
       ), latency AS (
         INSERT INTO impact_first_offer_latency (municipality_code, month, seconds)
         SELECT l.municipality_code, l.month, l.seconds
           FROM unnest($3::text[], $4::text[], $5::text[], $6::float8[]) AS l (subject, municipality_code, month, seconds)
           JOIN counted c ON c.measure = 'first_offers' AND c.subject = l.subject
       )
       SELECT measure, subject FROM counted`,
      [
        facts.map((f) => f.measure),
        facts.map((f) => f.subject),
        latencies.map((f) => f.subject),
        latencies.map((f) => f.municipality),
        latencies.map((f) => f.month),
        latencies.map((f) => f.firstOfferSeconds),
      ],
    )) as { measure: string; subject: string }[];
    for (const { measure, subject } of counted) {
      const fact = this.pending.get(JSON.stringify([measure, subject]));
      if (!fact) continue;
      counters.add(fact.municipality, fact.month, measure);
      if (fact.alsoCount) counters.add(fact.municipality, fact.month, fact.alsoCount);
    }
    this.pending.clear();
  }
}

/** One record as the ledger reads it. */
interface Reading {
  message: IncomingMessage;
  event: CloudEvent | undefined;
  key: string | null;
  youthRef: string | null;
  deadLetter: boolean;
  at: Date;
  /** The data the projections read: a decoded event about a youngster, not a dead letter. */
  projected: Data | null;
  /** The municipality the record gives its youngster in youth_municipality, if any. */
  municipality: string | null;
}

/** What the projections of one batch of records share. */
interface Projection {
  em: EntityManager;
  counters: ImpactTally;
  facts: ImpactFacts;
  /** Each youngster's youth_municipality as it stands at the record being projected. */
  places: Map<string, string | null>;
}

/**
 * Records raw Kafka records in the ledger and, the first time each is seen, updates the flow
 * state and the impact counters, all in the caller's transaction. Never throws for a bad record:
 * an undecodable one is recorded as invalid with its coordinates. A record is the same record
 * only with the same cluster id and coordinates (topic, partition, offset): another cluster
 * reuses coordinates for other records.
 */
export class LedgerIngest {
  constructor(private readonly thresholds: StuckThresholds) {}

  /**
   * Records records of a partition in the caller's transaction, in order: their ledger rows and
   * their youngsters' municipalities in one statement, then each new record's projections in
   * offset order, then the impact facts they count in one statement. Their impact counter
   * increments are added to `counters`, which the caller flushes before the transaction commits.
   * Returns what recording each record did. Only the last record may be one whose handling erases
   * a youngster (a privacy record): the rows of any records after it would be written before it.
   */
  async recordBatch(
    em: EntityManager,
    clusterId: string,
    messages: readonly IncomingMessage[],
    counters: ImpactTally,
  ): Promise<LedgerEntry[]> {
    const readings = messages.map(read);
    const fresh = await this.insertLedgerRows(em, clusterId, readings);
    const p: Projection = { em, counters, facts: new ImpactFacts(), places: new Map() };
    for (const [i, { prior }] of fresh) {
      const youthRef = readings[i].youthRef;
      if (youthRef !== null) p.places.set(youthRef, prior);
    }
    const entries: LedgerEntry[] = [];
    for (const [i, r] of readings.entries()) {
      const row = fresh.get(i);
      if (!row) {
        entries.push({ outcome: 'duplicate' });
        continue;
      }
      // The record's own municipality was written before its projections, as one by one.
      if (r.youthRef !== null && r.municipality !== null) p.places.set(r.youthRef, r.municipality);
      if (r.deadLetter) await this.recordDeadLetter(em, clusterId, r);
      else if (r.event && r.youthRef && r.projected)
        await this.project(p, r.event.type, r.projected, r.youthRef, r.at);
      entries.push({ outcome: 'recorded', ledgerId: row.id, youthRef: r.youthRef });
    }
    await p.facts.flush(em, counters);
    return entries;
  }

  /**
   * The ledger rows of the records in one statement, and the youth_municipality rows of the new
   * ones (a youngster's last municipality among them, only when it changes). Returns the new
   * records by their index, with the ledger row's id and the youngster's municipality as
   * youth_municipality held it before the statement (its sub-statements share one snapshot).
   * A record that came before in the list (same coordinates) is left out: it is a duplicate.
   */
  private async insertLedgerRows(
    em: EntityManager,
    clusterId: string,
    readings: Reading[],
  ): Promise<Map<number, { id: string; prior: string | null }>> {
    const seen = new Set<string>();
    const rows = [...readings.entries()].filter(([, { message: m }]) => {
      const coordinates = JSON.stringify([m.topic, m.partition, m.offset]);
      if (seen.has(coordinates)) return false;
      seen.add(coordinates);
      return true;
    });
    const column = <T>(value: (r: Reading) => T) => rows.map(([, r]) => value(r));
    const inserted = (await em.query(
      `WITH input AS (
         SELECT * FROM unnest($2::int[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::timestamptz[], $12::boolean[], $13::boolean[], $14::jsonb[], $15::text[])
           AS i (n, topic, partition, "offset", event_id, type, source, youth_ref, correlation_id, event_time,
             valid, dead_letter, refs, municipality_code)
       ), recorded AS (
         INSERT INTO ledger_event (cluster_id, topic, partition, "offset", event_id, type, source, youth_ref,
           correlation_id, event_time, valid, dead_letter, refs)
         SELECT $1::text, topic, partition, "offset", event_id, type, source, youth_ref, correlation_id,
           event_time, valid, dead_letter, refs
           FROM input ORDER BY n
         ON CONFLICT (topic, partition, "offset", cluster_id) DO NOTHING RETURNING id, topic, partition, "offset"
       ), fresh AS (
         SELECT r.id, i.n, i.youth_ref, i.municipality_code FROM recorded r JOIN input i USING (topic, partition, "offset")
       ), place AS (
         INSERT INTO youth_municipality (youth_ref, municipality_code)
         SELECT DISTINCT ON (youth_ref) youth_ref, municipality_code FROM fresh
          WHERE municipality_code IS NOT NULL ORDER BY youth_ref, n DESC
         ON CONFLICT (youth_ref) DO UPDATE SET municipality_code = EXCLUDED.municipality_code
           WHERE youth_municipality.municipality_code IS DISTINCT FROM EXCLUDED.municipality_code
       )
       SELECT f.id, f.n, y.municipality_code AS prior FROM fresh f LEFT JOIN youth_municipality y USING (youth_ref)`,
      [
        clusterId,
        rows.map(([i]) => i),
        column((r) => r.message.topic),
        column((r) => r.message.partition),
        column((r) => r.message.offset),
        column((r) => clip(r.event?.id)),
        column((r) => clip(r.event?.type)),
        column((r) => clip(r.event?.source)),
        column((r) => r.youthRef),
        column((r) => clip(r.event?.correlationid)),
        column((r) => r.at),
        column((r) => r.event !== undefined),
        column((r) => r.deadLetter),
        column((r) => JSON.stringify(extractRefs(r.event?.data))),
        column((r) => r.municipality),
      ],
    )) as { id: string; n: number; prior: string | null }[];
    return new Map(inserted.map((row) => [Number(row.n), { id: String(row.id), prior: row.prior }]));
  }

  private async recordDeadLetter(
    em: EntityManager,
    clusterId: string,
    { message: m, event, youthRef, key }: Reading,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(m.headers)) {
      const text = headerString(value);
      if (text !== undefined) headers[name] = text;
    }
    const c = deadLetterCoordinates(m.topic, headers);
    await em.query(
      `INSERT INTO dead_letter (cluster_id, topic, partition, "offset", original_topic, original_partition,
         original_offset, reason, consumer, dead_lettered_at, event_id, type, youth_ref, record_key, record_value,
         record_headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (topic, partition, "offset", cluster_id) DO NOTHING`,
      [
        clusterId,
        m.topic,
        m.partition,
        m.offset,
        c.originalTopic,
        c.originalPartition,
        c.originalOffset,
        c.reason,
        c.consumer,
        c.deadLetteredAt,
        clip(event?.id),
        clip(event?.type),
        youthRef,
        key,
        m.value ?? Buffer.alloc(0),
        JSON.stringify(headers),
      ],
    );
  }

  /** The flow state and impact of a record seen for the first time (its youth_municipality is written already). */
  private async project(p: Projection, type: string, d: Data, youthRef: string, at: Date): Promise<void> {
    const { em } = p;
    const municipality = str(d.municipalityCode);
    switch (type) {
      case WAITLIST_EVENT_TYPES.entered: {
        const consent = (d.consent as Data | undefined)?.youthWork === true;
        const entryId = str(d.waitlistEntryId);
        // No row back: the entry was entered before, and its first offer was counted then.
        const entry = (await em.query(
          `INSERT INTO waitlist_entry_state (waitlist_entry_id, youth_ref, municipality_code, consent, entered_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (waitlist_entry_id) DO UPDATE SET municipality_code = EXCLUDED.municipality_code,
             consent = EXCLUDED.consent, entered_at = EXCLUDED.entered_at
           WHERE waitlist_entry_state.entered_at IS NULL
           RETURNING entered_at, offered_at, municipality_code`,
          [entryId, youthRef, municipality, consent, validDate(d.enteredAt) ?? at],
        )) as EntryTimes[];
        this.countFirstOffer(p, entryId, entry[0]);
        return;
      }
      case WAITLIST_EVENT_TYPES.updated:
        if (d.consent && typeof d.consent === 'object') {
          await em.query(`UPDATE waitlist_entry_state SET consent = $2 WHERE waitlist_entry_id = $1`, [
            str(d.waitlistEntryId),
            (d.consent as Data).youthWork === true,
          ]);
        }
        return;
      case WAITLIST_EVENT_TYPES.exited:
      case BRIDGING_EVENT_TYPES.noMatch:
      case BRIDGING_EVENT_TYPES.consentMissing:
      case BRIDGING_EVENT_TYPES.ended:
        await this.setOnce(
          em,
          'waitlist_entry_state',
          'closed_at',
          'waitlist_entry_id',
          d.waitlistEntryId,
          at,
        );
        return;
      case BRIDGING_EVENT_TYPES.queued:
        await this.setOnce(
          em,
          'waitlist_entry_state',
          'queued_at',
          'waitlist_entry_id',
          d.waitlistEntryId,
          at,
        );
        return;
      case BRIDGING_EVENT_TYPES.offered:
        return this.offered(p, d, youthRef, at);
      case BRIDGING_EVENT_TYPES.accepted: {
        this.countOnce(p, municipalityOf(p, youthRef, d), monthOf(at), 'offers_accepted', str(d.offerId));
        return;
      }
      case TASK_EVENT_TYPES.created:
        await em.query(
          `INSERT INTO task_state (task_id, youth_ref, task_type, offer_id, due_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [str(d.taskId), youthRef, str(d.type) ?? 'unknown', str(d.offerId), validDate(d.dueAt) ?? at],
        );
        return;
      case TASK_EVENT_TYPES.claimed:
        await this.setOnce(em, 'task_state', 'claimed_at', 'task_id', d.taskId, at);
        return;
      case TASK_EVENT_TYPES.completed:
        await this.setOnce(em, 'task_state', 'closed_at', 'task_id', d.taskId, at);
        if (d.step === 'first-contact' && FIRST_CONTACT_OUTCOMES.includes(str(d.outcome) ?? '')) {
          await this.firstContact(p, str(d.referralId), at);
        }
        return;
      case TASK_EVENT_TYPES.cancelled:
        await this.setOnce(em, 'task_state', 'closed_at', 'task_id', d.taskId, at);
        return;
      case ACTIVITY_EVENT_TYPES.attendanceRecorded: {
        const subject = `${str(d.placementId)}:${str(d.sessionDate)}`;
        this.countOnce(p, municipalityOf(p, youthRef, d), monthOf(at), 'attendance_sessions', subject, {
          alsoCount: d.status === 'present' ? 'attendance_present' : undefined,
        });
        return;
      }
      case REFERRAL_EVENT_TYPES.created:
        if (d.direction !== 'care-to-youth-work') return;
        await em.query(
          `INSERT INTO handover_state (referral_id, youth_ref, municipality_code, handed_over_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [str(d.referralId), youthRef, municipality, at],
        );
        this.countOnce(p, municipality ?? 'unknown', monthOf(at), 'handovers', str(d.referralId));
        return;
      case REFERRAL_EVENT_TYPES.statusChanged: {
        const to = str(d.to);
        if (to === 'in-progress') await this.firstContact(p, str(d.referralId), at);
        if (to && REFERRAL_CLOSED.includes(to)) {
          await this.setOnce(em, 'handover_state', 'closed_at', 'referral_id', d.referralId, at);
        }
        const outcome = str(d.outcome);
        if (outcome && (FOLLOW_UP_OUTCOMES_SHOWN as readonly string[]).includes(outcome)) {
          const place = municipalityOf(p, youthRef, d);
          this.countOnce(p, place, monthOf(at), `outcome_${outcome}`, str(d.referralId));
        }
        return;
      }
      default:
        return;
    }
  }

  private async offered(p: Projection, d: Data, youthRef: string, at: Date): Promise<void> {
    const entryId = str(d.waitlistEntryId);
    const place = municipalityOf(p, youthRef, d);
    const month = monthOf(at);
    this.countOnce(p, place, month, 'offers', str(d.offerId));
    this.countOnce(p, place, month, 'offered_youngsters', `${youthRef}:${month}`);
    if (!entryId) return;
    // The entry may not have been seen yet (another topic): a placeholder row waits for it.
    const entry = (await p.em.query(
      `INSERT INTO waitlist_entry_state (waitlist_entry_id, youth_ref, municipality_code, consent, offered_at)
       VALUES ($1, $2, $3, false, $4)
       ON CONFLICT (waitlist_entry_id) DO UPDATE
         SET offered_at = COALESCE(waitlist_entry_state.offered_at, EXCLUDED.offered_at)
       RETURNING entered_at, offered_at, municipality_code`,
      [entryId, youthRef, place === 'unknown' ? null : place, at],
    )) as EntryTimes[];
    this.countFirstOffer(p, entryId, entry[0]);
  }

  /**
   * Once both the entry and its first offer were seen (in either order), keeps the latency once.
   * `entry`: the entry's row as the statement that recorded the event left it.
   */
  private countFirstOffer(p: Projection, entryId: string | null, entry: EntryTimes | undefined): void {
    if (!entryId || !entry?.entered_at || !entry.offered_at) return;
    const offeredAt = new Date(entry.offered_at);
    const seconds = Math.max(0, offeredAt.getTime() - new Date(entry.entered_at).getTime()) / 1000;
    this.countOnce(p, entry.municipality_code ?? 'unknown', monthOf(offeredAt), 'first_offers', entryId, {
      firstOfferSeconds: seconds,
    });
  }

  private async firstContact(p: Projection, referralId: string | null, at: Date): Promise<void> {
    if (!referralId) return;
    const [rows] = (await p.em.query(
      `UPDATE handover_state SET first_contact_at = $2 WHERE referral_id = $1 AND first_contact_at IS NULL
       RETURNING handed_over_at, municipality_code`,
      [referralId, at],
    )) as [{ handed_over_at: Date; municipality_code: string | null }[], number];
    const handover = rows?.[0];
    if (!handover) return;
    const handedOverAt = new Date(handover.handed_over_at);
    if (
      at.getTime() <= handoverDeadline(handedOverAt, { ...this.thresholds, handoverWorkingDays: 5 }).getTime()
    ) {
      p.counters.add(
        handover.municipality_code ?? 'unknown',
        monthOf(handedOverAt),
        'handovers_first_contact_5wd',
      );
    }
  }

  /**
   * Counts a subject once per measure, however often its event is redelivered or replayed: the
   * fact is inserted with the others of the statement's records (ImpactFacts).
   */
  private countOnce(
    p: Projection,
    municipality: string,
    month: string,
    measure: string,
    subject: string | null,
    extra: Pick<ImpactFact, 'alsoCount' | 'firstOfferSeconds'> = {},
  ): void {
    if (subject) p.facts.add({ measure, subject, municipality, month, ...extra });
  }

  private async setOnce(
    em: EntityManager,
    table: string,
    column: string,
    idColumn: string,
    id: unknown,
    at: Date,
  ): Promise<void> {
    const value = str(id);
    if (!value) return;
    await em.query(`UPDATE ${table} SET ${column} = $2 WHERE ${idColumn} = $1 AND ${column} IS NULL`, [
      value,
      at,
    ]);
  }
}

/** The event's own municipality, else the youngster's as youth_municipality holds it now. */
function municipalityOf(p: Projection, youthRef: string, d: Data): string {
  return str(d.municipalityCode) ?? p.places.get(youthRef) ?? 'unknown';
}

function read(m: IncomingMessage): Reading {
  let event: CloudEvent | undefined;
  try {
    event = decodeEvent(m);
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
  }
  const key = m.key ? m.key.toString('utf8') : null;
  const data = event?.data;
  const youthRef = youthRefOf(data, key);
  const deadLetter = m.topic.endsWith('.dlq');
  const at = validDate(event?.time) ?? validDate(Number(m.timestamp)) ?? new Date();
  const projected =
    !deadLetter && event && youthRef && data && typeof data === 'object' ? (data as Data) : null;
  const municipality = str(projected?.municipalityCode);
  return {
    message: m,
    event,
    key,
    youthRef,
    deadLetter,
    at,
    projected,
    municipality: municipality && /^GM[0-9]{4}$/.test(municipality) ? municipality : null,
  };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;
}

function clip(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 512) : null;
}

function validDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
