import { oncePerTransaction } from '@samenspel/persistence';
import type { EntityManager } from 'typeorm';
import { MAX_OFFERS, type EntryStatus } from '../domain/bridging-lifecycle';
import { BridgingOffer } from '../offers/bridging-offer.entity';
import { KnownActivity } from '../activity-catalog/known-activity.entity';
import { WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';

/** Wakes the matcher when the transaction that gave it work commits (LISTEN/NOTIFY). */
export const MATCH_CHANNEL = 'samenspel_bridging_match';

/** Whether the transaction has yet to wake the matcher. */
const firstSignal = oncePerTransaction();

export interface EntryFilter {
  municipalityCode?: string;
  status?: EntryStatus;
  /** Only entries from these intake systems (CloudEvents source); undefined: all. */
  sources?: string[];
  limit: number;
  offset: number;
}

/** bridging_offer's columns under their property names, for offers made from raw rows (built once). */
let offerColumns: string | undefined;

/**
 * Waitlist entries, offers and known activities, always in the caller's transaction (an event
 * handler's `ctx.em`, or a use case's own `dataSource.transaction`).
 */
export class BridgingRepository {
  constructor(private readonly em: EntityManager) {}

  static in(em: EntityManager): BridgingRepository {
    return new BridgingRepository(em);
  }

  /** The entry, locked for the rest of the transaction when `lock` (so concurrent changes serialise). */
  async entry(waitlistEntryId: string, lock = false): Promise<WaitlistEntry | null> {
    return this.em.getRepository(WaitlistEntry).findOne({
      where: { waitlistEntryId },
      ...(lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
  }

  /** False when an entry with this id exists already (a repeated `entered`). */
  async insertEntry(entry: WaitlistEntry): Promise<boolean> {
    const result = await this.em
      .createQueryBuilder()
      .insert()
      .into(WaitlistEntry)
      .values(entry)
      .orIgnore()
      .returning(['waitlistEntryId'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * Writes back an entry read before (one UPDATE: `save` would read the row again to tell an
   * insert from an update, and an entry is only ever inserted by insertEntry).
   */
  async saveEntry(entry: WaitlistEntry): Promise<void> {
    entry.updatedAt = new Date();
    const { waitlistEntryId, ...changes } = entry;
    await this.em.getRepository(WaitlistEntry).update({ waitlistEntryId }, changes);
  }

  /** The youngster's offers by rank (read as offersOf reads them, for the same reason). */
  async offers(waitlistEntryId: string): Promise<BridgingOffer[]> {
    return this.offersOf([waitlistEntryId]);
  }

  /**
   * The offers of these youngsters, each youngster's by rank. Asked through the index on
   * (waitlist_entry_id, rank) one youngster at a time: a youngster has at most MAX_OFFERS offers
   * (ranks 1 to 3, which the table checks), and the LIMIT keeps PostgreSQL from turning the lookup
   * into a join that reads the whole table. A table scan is what it plans for
   * `waitlist_entry_id = ANY($1)` while the table is small and has no statistics, and a prepared
   * statement keeps that plan on its connection until the statistics change: without autovacuum,
   * for good, while the table grows.
   */
  async offersOf(entryIds: string[]): Promise<BridgingOffer[]> {
    if (entryIds.length === 0) return [];
    const repository = this.em.getRepository(BridgingOffer);
    offerColumns ??= repository.metadata.columns
      .map((c) => `o.${c.databaseName} AS "${c.propertyName}"`)
      .join(', ');
    const rows: object[] = await this.em.query(
      `SELECT ${offerColumns} FROM unnest($1::text[]) WITH ORDINALITY AS ids(id, n)
        CROSS JOIN LATERAL (SELECT * FROM bridging_offer b WHERE b.waitlist_entry_id = ids.id
                             ORDER BY b.rank LIMIT ${MAX_OFFERS}) o
        ORDER BY ids.n, o.rank`,
      [entryIds],
    );
    return rows.map((row) => repository.create(row));
  }

  async offer(offerId: string, lock = false): Promise<BridgingOffer | null> {
    return this.em.getRepository(BridgingOffer).findOne({
      where: { offerId },
      ...(lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
  }

  /** False when the offer was recorded already (a retried match after a failed transaction). */
  async insertOffer(offer: BridgingOffer): Promise<boolean> {
    const result = await this.em
      .createQueryBuilder()
      .insert()
      .into(BridgingOffer)
      .values(offer)
      .orIgnore()
      .returning(['offerId'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Writes back an offer read before (one UPDATE, as saveEntry; offers are inserted by insertOffer). */
  async saveOffer(offer: BridgingOffer): Promise<void> {
    const { offerId, ...changes } = offer;
    await this.em.getRepository(BridgingOffer).update({ offerId }, changes);
  }

  /** Entries waiting for the matcher, oldest first (FIFO by enteredAt). */
  async readyToMatch(limit: number): Promise<WaitlistEntry[]> {
    return this.em
      .getRepository(WaitlistEntry)
      .createQueryBuilder('e')
      .where(`e.status = 'matching'`)
      .andWhere('(e.nextMatchAt IS NULL OR e.nextMatchAt <= now())')
      .orderBy('e.enteredAt', 'ASC')
      .addOrderBy('e.waitlistEntryId', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Moves queued entries back to matching after a seat came free, oldest first; in one
   * municipality, or in all when we do not know where the activity is.
   */
  async requeueForMatching(municipalityCode: string | null, limit: number): Promise<number> {
    const rows: unknown[] = await this.em.query(
      `UPDATE waitlist_entry SET status = 'matching', next_match_at = NULL, updated_at = now()
        WHERE waitlist_entry_id IN (
          SELECT waitlist_entry_id FROM waitlist_entry
           WHERE status = 'queued' AND ($1::text IS NULL OR municipality_code = $1)
           ORDER BY entered_at, waitlist_entry_id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING waitlist_entry_id`,
      [municipalityCode, limit],
    );
    return rows.length;
  }

  async postponeMatching(waitlistEntryId: string, until: Date): Promise<void> {
    await this.em.query(
      `UPDATE waitlist_entry SET next_match_at = $2 WHERE waitlist_entry_id = $1 AND status = 'matching'`,
      [waitlistEntryId, until],
    );
  }

  /**
   * Answered from the partial index bridging_offer_release_ix (on offer_id, where release_pending)
   * whatever PostgreSQL knows of the table: ordered by offer id, which that index holds in order,
   * and with the predicate written out rather than passed as a parameter. A prepared statement
   * (as the services run them) is planned once for any parameter after five runs, and a plan for
   * `release_pending = $1` cannot use an index that holds only the pending offers; it would walk the
   * primary key instead, reading every offer ever made on each round of the matcher. (Unordered, on
   * a table not yet analysed, it would read the whole table: the planner guesses half of it pending.)
   */
  async pendingReleases(limit: number): Promise<BridgingOffer[]> {
    return this.em
      .getRepository(BridgingOffer)
      .createQueryBuilder('o')
      .where('o.release_pending')
      .orderBy('o.offerId', 'ASC')
      .limit(limit)
      .getMany();
  }

  async releaseDone(offerId: string): Promise<void> {
    await this.em.query(`UPDATE bridging_offer SET release_pending = false WHERE offer_id = $1`, [offerId]);
  }

  async upsertActivity(activity: Omit<KnownActivity, 'updatedAt'>): Promise<void> {
    await this.em.query(
      `INSERT INTO known_activity (activity_id, team_id, title, municipality_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (activity_id) DO UPDATE SET team_id = EXCLUDED.team_id, title = EXCLUDED.title,
         municipality_code = EXCLUDED.municipality_code, updated_at = now()`,
      [activity.activityId, activity.teamId, activity.title, activity.municipalityCode],
    );
  }

  async municipalityOfActivity(activityId: string): Promise<string | null> {
    const found = await this.em.getRepository(KnownActivity).findOne({ where: { activityId } });
    return found?.municipalityCode ?? null;
  }

  async titleOfActivity(activityId: string): Promise<string | null> {
    const found = await this.em.getRepository(KnownActivity).findOne({ where: { activityId } });
    return found?.title ?? null;
  }

  /**
   * Wakes the matcher when the transaction commits, so it never looks before the work is visible.
   * Once per transaction: a batch of `entered` events is one transaction, and the matcher takes
   * every ready entry when it wakes.
   */
  async signalMatcher(): Promise<void> {
    if (!firstSignal(this.em)) return;
    await this.em.query(`SELECT pg_notify($1, '')`, [MATCH_CHANNEL]);
  }

  async list(filter: EntryFilter): Promise<{ items: WaitlistEntry[]; total: number }> {
    const qb = this.em.getRepository(WaitlistEntry).createQueryBuilder('e');
    if (filter.municipalityCode) qb.andWhere('e.municipality_code = :m', { m: filter.municipalityCode });
    if (filter.status) qb.andWhere('e.status = :s', { s: filter.status });
    if (filter.sources) qb.andWhere('e.source IN (:...sources)', { sources: filter.sources });
    const [items, total] = await qb
      .orderBy('e.entered_at', 'ASC')
      .addOrderBy('e.waitlist_entry_id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total };
  }
}
