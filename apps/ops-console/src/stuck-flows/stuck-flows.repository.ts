import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EntryTimes, HandoverFlow, TaskFlow, WaitlistEntryFlow } from './stuck-flow.entity';

type EntryTimesRow = { entered_at: Date | null; offered_at: Date | null; municipality_code: string | null };

const entryTimes = (row: EntryTimesRow | undefined): EntryTimes | undefined =>
  row && { enteredAt: row.entered_at, offeredAt: row.offered_at, municipalityCode: row.municipality_code };

/** A waitlist entry as its record enters it. */
export interface NewEntry {
  waitlistEntryId: string | null;
  youthRef: string;
  municipalityCode: string | null;
  consent: boolean;
  enteredAt: Date;
}

/** An entry's offer as its record gives it. */
export interface NewOffer {
  waitlistEntryId: string;
  youthRef: string;
  municipalityCode: string | null;
  offeredAt: Date;
}

/** A task as its record creates it. */
export interface NewTask {
  taskId: string | null;
  youthRef: string;
  taskType: string;
  offerId: string | null;
  dueAt: Date;
}

/**
 * A key as PostgreSQL stores it: it receives the UTF-8 of a string, so a lone surrogate arrives as
 * U+FFFD, and two strings that differ only there are one key.
 */
const storedKey = (key: string | null): string | null =>
  key === null ? null : Buffer.from(key, 'utf8').toString('utf8');

/**
 * The rows of one statement that writes each key at most once (a statement cannot update a row
 * twice): the first row of each key, in order; `firsts` says which rows those are. Rows without a
 * key are all kept (PostgreSQL refuses them, as it would one by one).
 */
function firstOfEach<T>(
  rows: readonly T[],
  key: (row: T) => string | null,
): { rows: T[]; firsts: boolean[] } {
  const seen = new Set<string>();
  const firsts = rows.map((row) => {
    const k = storedKey(key(row));
    if (k === null) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { rows: rows.filter((_, i) => firsts[i]), firsts };
}

/** The entry rows a statement returns, by their waitlist entry id. */
async function entryTimesById(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<Map<string | null, EntryTimes | undefined>> {
  const rows = (await em.query(sql, params)) as (EntryTimesRow & { waitlist_entry_id: string })[];
  return new Map(rows.map((row) => [row.waitlist_entry_id, entryTimes(row)]));
}

/** A moment of a flow that is set once, by the first record that says it. */
const MOMENTS = {
  entryClosed: ['waitlist_entry_state', 'closed_at', 'waitlist_entry_id'],
  entryQueued: ['waitlist_entry_state', 'queued_at', 'waitlist_entry_id'],
  taskClaimed: ['task_state', 'claimed_at', 'task_id'],
  taskClosed: ['task_state', 'closed_at', 'task_id'],
  handoverClosed: ['handover_state', 'closed_at', 'referral_id'],
} as const;

/**
 * The flow states the ledger projects from the records and the stuck-flow rules read: waitlist
 * entries (`waitlist_entry_state`), tasks (`task_state`) and handovers (`handover_state`).
 */
@Injectable()
export class StuckFlowsRepository {
  /**
   * Enters waitlist entries in one statement, in their order. Returns, for each, the entry's row
   * as the statement left it, or nothing when it was entered before, in this list too (its first
   * offer was counted then).
   */
  async enterWaitlist(em: EntityManager, entries: readonly NewEntry[]): Promise<(EntryTimes | undefined)[]> {
    if (entries.length === 0) return [];
    const { rows, firsts } = firstOfEach(entries, (e) => e.waitlistEntryId);
    const times = await entryTimesById(
      em,
      `INSERT INTO waitlist_entry_state (waitlist_entry_id, youth_ref, municipality_code, consent, entered_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::timestamptz[])
       ON CONFLICT (waitlist_entry_id) DO UPDATE SET municipality_code = EXCLUDED.municipality_code,
         consent = EXCLUDED.consent, entered_at = EXCLUDED.entered_at
       WHERE waitlist_entry_state.entered_at IS NULL
       RETURNING waitlist_entry_id, entered_at, offered_at, municipality_code`,
      [
        rows.map((e) => e.waitlistEntryId),
        rows.map((e) => e.youthRef),
        rows.map((e) => e.municipalityCode),
        rows.map((e) => e.consent),
        rows.map((e) => e.enteredAt),
      ],
    );
    return entries.map((e, i) => (firsts[i] ? times.get(storedKey(e.waitlistEntryId)) : undefined));
  }

  async setConsent(em: EntityManager, waitlistEntryId: string | null, consent: boolean): Promise<void> {
    await em.query(`UPDATE waitlist_entry_state SET consent = $2 WHERE waitlist_entry_id = $1`, [
      waitlistEntryId,
      consent,
    ]);
  }

  /**
   * The entries' first offers in one statement, in their order; an entry not seen yet (another
   * topic) gets a placeholder row that waits for it. Returns each entry's row as the statement
   * left it.
   */
  async offer(em: EntityManager, offers: readonly NewOffer[]): Promise<(EntryTimes | undefined)[]> {
    if (offers.length === 0) return [];
    const { rows } = firstOfEach(offers, (o) => o.waitlistEntryId);
    const times = await entryTimesById(
      em,
      `INSERT INTO waitlist_entry_state (waitlist_entry_id, youth_ref, municipality_code, consent, offered_at)
       SELECT id, youth_ref, municipality_code, false, offered_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS o (id, youth_ref, municipality_code, offered_at)
       ON CONFLICT (waitlist_entry_id) DO UPDATE
         SET offered_at = COALESCE(waitlist_entry_state.offered_at, EXCLUDED.offered_at)
       RETURNING waitlist_entry_id, entered_at, offered_at, municipality_code`,
      [
        rows.map((o) => o.waitlistEntryId),
        rows.map((o) => o.youthRef),
        rows.map((o) => o.municipalityCode),
        rows.map((o) => o.offeredAt),
      ],
    );
    return offers.map((o) => times.get(storedKey(o.waitlistEntryId)));
  }

  /** Keeps tasks in one statement, in their order; a task kept before stays as it is. */
  async createTask(em: EntityManager, tasks: readonly NewTask[]): Promise<void> {
    if (tasks.length === 0) return;
    await em.query(
      `INSERT INTO task_state (task_id, youth_ref, task_type, offer_id, due_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        tasks.map((t) => t.taskId),
        tasks.map((t) => t.youthRef),
        tasks.map((t) => t.taskType),
        tasks.map((t) => t.offerId),
        tasks.map((t) => t.dueAt),
      ],
    );
  }

  async handOver(
    em: EntityManager,
    h: { referralId: string | null; youthRef: string; municipalityCode: string | null; handedOverAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO handover_state (referral_id, youth_ref, municipality_code, handed_over_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [h.referralId, h.youthRef, h.municipalityCode, h.handedOverAt],
    );
  }

  /** The handover's first contact, once: its time and municipality when this was it. */
  async firstContact(
    em: EntityManager,
    referralId: string,
    at: Date,
  ): Promise<{ handedOverAt: Date; municipalityCode: string | null } | undefined> {
    const [rows] = (await em.query(
      `UPDATE handover_state SET first_contact_at = $2 WHERE referral_id = $1 AND first_contact_at IS NULL
       RETURNING handed_over_at, municipality_code`,
      [referralId, at],
    )) as [{ handed_over_at: Date; municipality_code: string | null }[], number];
    const handover = rows?.[0];
    return (
      handover && { handedOverAt: handover.handed_over_at, municipalityCode: handover.municipality_code }
    );
  }

  /** The entry's times and municipality, when the ledger has seen it. */
  async entryTimes(em: EntityManager, waitlistEntryId: string | null): Promise<EntryTimes | undefined> {
    if (!waitlistEntryId) return undefined;
    const rows = (await em.query(
      `SELECT entered_at, offered_at, municipality_code FROM waitlist_entry_state WHERE waitlist_entry_id = $1`,
      [waitlistEntryId],
    )) as EntryTimesRow[];
    return entryTimes(rows[0]);
  }

  /** Keeps a referral of youth work to care once, with its municipality and time. */
  async referToCare(
    em: EntityManager,
    r: { referralId: string; municipalityCode: string; createdAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO referral_to_care (referral_id, municipality_code, created_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [r.referralId, r.municipalityCode, r.createdAt],
    );
  }

  /** Care accepted a referral to care: its first acceptance is kept, in the month given. */
  async acceptReferralToCare(
    em: EntityManager,
    referralId: string | null,
    acceptedAt: Date,
    month: string,
  ): Promise<void> {
    if (!referralId) return;
    await em.query(
      `UPDATE referral_to_care SET accepted_at = $2, accepted_month = $3
       WHERE referral_id = $1 AND accepted_at IS NULL`,
      [referralId, acceptedAt, month],
    );
  }

  /** Keeps a placement's start once; true when this record started it (not seen before). */
  async startPlacement(
    em: EntityManager,
    p: { placementId: string; municipalityCode: string; startedAt: Date },
  ): Promise<boolean> {
    const rows = (await em.query(
      `INSERT INTO placement_start (placement_id, municipality_code, started_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING placement_id`,
      [p.placementId, p.municipalityCode, p.startedAt],
    )) as unknown[];
    return rows.length === 1;
  }

  /** A placement's start and municipality, when the ledger has seen it confirmed. */
  async placementStart(
    em: EntityManager,
    placementId: string | null,
  ): Promise<{ municipalityCode: string; startedAt: Date } | undefined> {
    if (!placementId) return undefined;
    const [row] = (await em.query(
      `SELECT municipality_code, started_at FROM placement_start WHERE placement_id = $1`,
      [placementId],
    )) as { municipality_code: string; started_at: Date }[];
    return row && { municipalityCode: row.municipality_code, startedAt: new Date(row.started_at) };
  }

  /** Sets the moment once; a record without the id sets nothing. */
  async setOnce(em: EntityManager, moment: keyof typeof MOMENTS, id: string | null, at: Date): Promise<void> {
    if (!id) return;
    const [table, column, idColumn] = MOMENTS[moment];
    await em.query(`UPDATE ${table} SET ${column} = $2 WHERE ${idColumn} = $1 AND ${column} IS NULL`, [
      id,
      at,
    ]);
  }

  /** Consenting entries without an offer, a queue state or an end. */
  waitingEntries(em: EntityManager): Promise<WaitlistEntryFlow[]> {
    return openFlows(
      em,
      `SELECT * FROM waitlist_entry_state
        WHERE consent AND entered_at IS NOT NULL AND offered_at IS NULL AND queued_at IS NULL AND closed_at IS NULL`,
      (r) => ({
        waitlistEntryId: r.waitlist_entry_id,
        youthRef: r.youth_ref,
        consent: r.consent,
        enteredAt: new Date(r.entered_at),
        offeredAt: null,
        queuedAt: null,
        closedAt: null,
      }),
    );
  }

  unclaimedTasks(em: EntityManager): Promise<TaskFlow[]> {
    return openFlows(em, `SELECT * FROM task_state WHERE claimed_at IS NULL AND closed_at IS NULL`, (r) => ({
      taskId: r.task_id,
      youthRef: r.youth_ref,
      taskType: r.task_type,
      offerId: r.offer_id,
      dueAt: new Date(r.due_at),
      claimedAt: null,
      closedAt: null,
    }));
  }

  handoversWithoutFirstContact(em: EntityManager): Promise<HandoverFlow[]> {
    return openFlows(
      em,
      `SELECT * FROM handover_state WHERE first_contact_at IS NULL AND closed_at IS NULL`,
      (r) => ({
        referralId: r.referral_id,
        youthRef: r.youth_ref,
        handedOverAt: new Date(r.handed_over_at),
        firstContactAt: null,
        closedAt: null,
      }),
    );
  }
}

/** The flow states a query finds, each as `toFlow` reads its row. */
async function openFlows<T>(
  em: EntityManager,
  sql: string,
  toFlow: (row: Record<string, never>) => T,
): Promise<T[]> {
  return ((await em.query(sql)) as Record<string, never>[]).map(toFlow);
}
