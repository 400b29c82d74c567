import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findRow, findRows, insertIfAbsent, writeBack } from '@samenspel/persistence';
import type { EntryStatus } from '../domain/bridging-lifecycle';
import { WaitlistEntry } from './waitlist-entry.entity';

export interface EntryFilter {
  municipalityCode?: string;
  status?: EntryStatus;
  /** Only entries from these intake systems (CloudEvents source); undefined: all. */
  sources?: string[];
  limit: number;
  offset: number;
}

/** Waitlist entries, always in the caller's transaction (or, for a plain read, its entity manager). */
@Injectable()
export class WaitlistEntriesRepository {
  find(em: EntityManager, waitlistEntryId: string): Promise<WaitlistEntry | null> {
    return findRow(em, WaitlistEntry, { waitlistEntryId });
  }

  /** The entry, locked for the rest of the transaction (so concurrent changes serialise). */
  lock(em: EntityManager, waitlistEntryId: string): Promise<WaitlistEntry | null> {
    return findRow(em, WaitlistEntry, { waitlistEntryId }, { forUpdate: true });
  }

  /** False when an entry with this id exists already (a repeated `entered`). */
  insert(em: EntityManager, entry: WaitlistEntry): Promise<boolean> {
    return insertIfAbsent(em, WaitlistEntry, entry);
  }

  /** Writes back an entry read before, stamped with the time of the change. */
  async save(em: EntityManager, entry: WaitlistEntry): Promise<void> {
    entry.updatedAt = new Date();
    await writeBack(em, WaitlistEntry, entry);
  }

  /** Entries waiting for the matcher, oldest first (FIFO by enteredAt). */
  readyToMatch(em: EntityManager, limit: number): Promise<WaitlistEntry[]> {
    return findRows(em, WaitlistEntry, {
      where: `status = 'matching' AND (next_match_at IS NULL OR next_match_at <= now())`,
      orderBy: 'entered_at, waitlist_entry_id',
      limit,
    });
  }

  /**
   * Moves queued entries back to matching after a seat came free, oldest first; in one
   * municipality, or in all when we do not know where the activity is.
   */
  async requeueForMatching(
    em: EntityManager,
    municipalityCode: string | null,
    limit: number,
  ): Promise<number> {
    const rows: unknown[] = await em.query(
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

  async postponeMatching(em: EntityManager, waitlistEntryId: string, until: Date): Promise<void> {
    await em.query(
      `UPDATE waitlist_entry SET next_match_at = $2 WHERE waitlist_entry_id = $1 AND status = 'matching'`,
      [waitlistEntryId, until],
    );
  }

  async list(em: EntityManager, filter: EntryFilter): Promise<{ items: WaitlistEntry[]; total: number }> {
    const qb = em.getRepository(WaitlistEntry).createQueryBuilder('e');
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

  /** How many youngsters are queued (waiting for a free seat) in each of these municipalities. */
  async queuedIn(em: EntityManager, municipalityCodes: readonly string[]): Promise<Map<string, number>> {
    const rows = (await em.query(
      `SELECT municipality_code, count(*)::int AS n FROM waitlist_entry
        WHERE status = 'queued' AND municipality_code = ANY($1) GROUP BY 1`,
      [municipalityCodes],
    )) as { municipality_code: string; n: number }[];
    return new Map(rows.map((r) => [r.municipality_code, r.n]));
  }
}
