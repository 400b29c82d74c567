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

/**
 * Records one raw Kafka record in the ledger and, the first time it is seen, updates the flow
 * state and the impact counters, all in the caller's transaction. Never throws for a bad record:
 * an undecodable one is recorded as invalid with its coordinates. A record is the same record
 * only with the same cluster id and coordinates (topic, partition, offset): another cluster
 * reuses coordinates for other records.
 */
export class LedgerIngest {
  constructor(private readonly thresholds: StuckThresholds) {}

  /** Records one record in the caller's transaction, its impact counters included. */
  async ingest(em: EntityManager, clusterId: string, m: IncomingMessage): Promise<'recorded' | 'duplicate'> {
    const counters = new ImpactTally();
    const entry = await this.record(em, clusterId, m, counters);
    await counters.flush(em);
    return entry.outcome;
  }

  /**
   * Records one record in the caller's transaction; its impact counter increments are added to
   * `counters`, which the caller flushes before the transaction commits.
   */
  async record(
    em: EntityManager,
    clusterId: string,
    m: IncomingMessage,
    counters: ImpactTally,
  ): Promise<LedgerEntry> {
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
    const eventTime = validDate(event?.time) ?? validDate(Number(m.timestamp)) ?? new Date();
    const projected =
      !deadLetter && event && youthRef && data && typeof data === 'object' ? (data as Data) : null;
    // The youngster's municipality, for the impact of their events without one: written in the
    // same statement as the ledger row, only when the row is new, and only when it changes.
    const municipality = str(projected?.municipalityCode);
    const inserted: { id: string }[] = await em.query(
      `WITH recorded AS (
         INSERT INTO ledger_event (cluster_id, topic, partition, "offset", event_id, type, source, youth_ref,
           correlation_id, event_time, valid, dead_letter, refs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (topic, partition, "offset", cluster_id) DO NOTHING RETURNING id, youth_ref
       ), place AS (
         INSERT INTO youth_municipality (youth_ref, municipality_code)
         SELECT youth_ref, $14::text FROM recorded WHERE $14::text IS NOT NULL
         ON CONFLICT (youth_ref) DO UPDATE SET municipality_code = EXCLUDED.municipality_code
           WHERE youth_municipality.municipality_code IS DISTINCT FROM EXCLUDED.municipality_code
       )
       SELECT id FROM recorded`,
      [
        clusterId,
        m.topic,
        m.partition,
        m.offset,
        clip(event?.id),
        clip(event?.type),
        clip(event?.source),
        youthRef,
        clip(event?.correlationid),
        eventTime,
        event !== undefined,
        deadLetter,
        JSON.stringify(extractRefs(data)),
        municipality && /^GM[0-9]{4}$/.test(municipality) ? municipality : null,
      ],
    );
    if (inserted.length === 0) return { outcome: 'duplicate' };
    if (deadLetter) await this.recordDeadLetter(em, clusterId, m, event, youthRef, key);
    else if (event && youthRef && projected)
      await this.project(em, counters, event.type, projected, youthRef, eventTime);
    return { outcome: 'recorded', ledgerId: String(inserted[0].id), youthRef };
  }

  private async recordDeadLetter(
    em: EntityManager,
    clusterId: string,
    m: IncomingMessage,
    event: CloudEvent | undefined,
    youthRef: string | null,
    key: string | null,
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
  private async project(
    em: EntityManager,
    counters: ImpactTally,
    type: string,
    d: Data,
    youthRef: string,
    at: Date,
  ): Promise<void> {
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
        await this.countFirstOffer(em, counters, entryId, entry[0]);
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
        return this.offered(em, counters, d, youthRef, at);
      case BRIDGING_EVENT_TYPES.accepted: {
        const place = await this.municipalityOf(em, youthRef, d);
        await this.countOnce(em, counters, place, monthOf(at), 'offers_accepted', str(d.offerId));
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
          await this.firstContact(em, counters, str(d.referralId), at);
        }
        return;
      case TASK_EVENT_TYPES.cancelled:
        await this.setOnce(em, 'task_state', 'closed_at', 'task_id', d.taskId, at);
        return;
      case ACTIVITY_EVENT_TYPES.attendanceRecorded: {
        const place = await this.municipalityOf(em, youthRef, d);
        const subject = `${str(d.placementId)}:${str(d.sessionDate)}`;
        if (await this.countOnce(em, counters, place, monthOf(at), 'attendance_sessions', subject)) {
          if (d.status === 'present') counters.add(place, monthOf(at), 'attendance_present');
        }
        return;
      }
      case REFERRAL_EVENT_TYPES.created:
        if (d.direction !== 'care-to-youth-work') return;
        await em.query(
          `INSERT INTO handover_state (referral_id, youth_ref, municipality_code, handed_over_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [str(d.referralId), youthRef, municipality, at],
        );
        await this.countOnce(
          em,
          counters,
          municipality ?? 'unknown',
          monthOf(at),
          'handovers',
          str(d.referralId),
        );
        return;
      case REFERRAL_EVENT_TYPES.statusChanged: {
        const to = str(d.to);
        if (to === 'in-progress') await this.firstContact(em, counters, str(d.referralId), at);
        if (to && REFERRAL_CLOSED.includes(to)) {
          await this.setOnce(em, 'handover_state', 'closed_at', 'referral_id', d.referralId, at);
        }
        const outcome = str(d.outcome);
        if (outcome && (FOLLOW_UP_OUTCOMES_SHOWN as readonly string[]).includes(outcome)) {
          const place = await this.municipalityOf(em, youthRef, d);
          await this.countOnce(em, counters, place, monthOf(at), `outcome_${outcome}`, str(d.referralId));
        }
        return;
      }
      default:
        return;
    }
  }

  private async offered(
    em: EntityManager,
    counters: ImpactTally,
    d: Data,
    youthRef: string,
    at: Date,
  ): Promise<void> {
    const entryId = str(d.waitlistEntryId);
    const place = await this.municipalityOf(em, youthRef, d);
    const month = monthOf(at);
    await this.countOnce(em, counters, place, month, 'offers', str(d.offerId));
    await this.countOnce(em, counters, place, month, 'offered_youngsters', `${youthRef}:${month}`);
    if (!entryId) return;
    // The entry may not have been seen yet (another topic): a placeholder row waits for it.
    const entry = (await em.query(
      `INSERT INTO waitlist_entry_state (waitlist_entry_id, youth_ref, municipality_code, consent, offered_at)
       VALUES ($1, $2, $3, false, $4)
       ON CONFLICT (waitlist_entry_id) DO UPDATE
         SET offered_at = COALESCE(waitlist_entry_state.offered_at, EXCLUDED.offered_at)
       RETURNING entered_at, offered_at, municipality_code`,
      [entryId, youthRef, place === 'unknown' ? null : place, at],
    )) as EntryTimes[];
    await this.countFirstOffer(em, counters, entryId, entry[0]);
  }

  /**
   * Once both the entry and its first offer were seen (in either order), keeps the latency once.
   * `entry`: the entry's row as the statement that recorded the event left it.
   */
  private async countFirstOffer(
    em: EntityManager,
    counters: ImpactTally,
    entryId: string | null,
    entry: EntryTimes | undefined,
  ): Promise<void> {
    if (!entryId || !entry?.entered_at || !entry.offered_at) return;
    const offeredAt = new Date(entry.offered_at);
    const place = entry.municipality_code ?? 'unknown';
    if (await this.countOnce(em, counters, place, monthOf(offeredAt), 'first_offers', entryId)) {
      const seconds = Math.max(0, offeredAt.getTime() - new Date(entry.entered_at).getTime()) / 1000;
      await em.query(
        `INSERT INTO impact_first_offer_latency (municipality_code, month, seconds) VALUES ($1, $2, $3)`,
        [place, monthOf(offeredAt), seconds],
      );
    }
  }

  private async firstContact(
    em: EntityManager,
    counters: ImpactTally,
    referralId: string | null,
    at: Date,
  ): Promise<void> {
    if (!referralId) return;
    const [rows] = (await em.query(
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
      counters.add(
        handover.municipality_code ?? 'unknown',
        monthOf(handedOverAt),
        'handovers_first_contact_5wd',
      );
    }
  }

  private async municipalityOf(em: EntityManager, youthRef: string, d: Data): Promise<string> {
    const own = str(d.municipalityCode);
    if (own) return own;
    const [row] = (await em.query(`SELECT municipality_code FROM youth_municipality WHERE youth_ref = $1`, [
      youthRef,
    ])) as { municipality_code: string }[];
    return row?.municipality_code ?? 'unknown';
  }

  /** Counts a subject once per measure, however often its event is redelivered or replayed. */
  private async countOnce(
    em: EntityManager,
    counters: ImpactTally,
    municipality: string,
    month: string,
    measure: string,
    subject: string | null,
  ): Promise<boolean> {
    if (!subject) return false;
    const fresh: unknown[] = await em.query(
      `INSERT INTO impact_fact (measure, subject) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING subject`,
      [measure, subject],
    );
    if (fresh.length === 0) return false;
    counters.add(municipality, month, measure);
    return true;
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
