import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findRow, findRows, insertIfAbsent, writeBack } from '@samenspel/persistence';
import { MAX_OFFERS } from '../domain/bridging-lifecycle';
import { BridgingOffer } from './bridging-offer.entity';

/** Bridging offers, always in the caller's transaction (or, for a plain read, its entity manager). */
@Injectable()
export class OffersRepository {
  /** bridging_offer's columns under their property names, for offers made from raw rows (built once). */
  private offerColumns?: string;

  find(em: EntityManager, offerId: string): Promise<BridgingOffer | null> {
    return findRow(em, BridgingOffer, { offerId });
  }

  /** The offer, locked for the rest of the transaction (so concurrent decisions serialise). */
  lock(em: EntityManager, offerId: string): Promise<BridgingOffer | null> {
    return findRow(em, BridgingOffer, { offerId }, { forUpdate: true });
  }

  /** The youngster's offers by rank (read as offersOf reads them, for the same reason). */
  async ofEntry(em: EntityManager, waitlistEntryId: string): Promise<BridgingOffer[]> {
    return this.offersOf(em, [waitlistEntryId]);
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
  async offersOf(em: EntityManager, entryIds: string[]): Promise<BridgingOffer[]> {
    if (entryIds.length === 0) return [];
    const repository = em.getRepository(BridgingOffer);
    this.offerColumns ??= repository.metadata.columns
      .map((c) => `o.${c.databaseName} AS "${c.propertyName}"`)
      .join(', ');
    const rows: object[] = await em.query(
      `SELECT ${this.offerColumns} FROM unnest($1::text[]) WITH ORDINALITY AS ids(id, n)
        CROSS JOIN LATERAL (SELECT * FROM bridging_offer b WHERE b.waitlist_entry_id = ids.id
                             ORDER BY b.rank LIMIT ${MAX_OFFERS}) o
        ORDER BY ids.n, o.rank`,
      [entryIds],
    );
    return rows.map((row) => repository.create(row));
  }

  /** False when the offer was recorded already (a retried match after a failed transaction). */
  insert(em: EntityManager, offer: BridgingOffer): Promise<boolean> {
    return insertIfAbsent(em, BridgingOffer, offer);
  }

  /** Writes back an offer read before. */
  save(em: EntityManager, offer: BridgingOffer): Promise<void> {
    return writeBack(em, BridgingOffer, offer);
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
  pendingReleases(em: EntityManager, limit: number): Promise<BridgingOffer[]> {
    return findRows(em, BridgingOffer, { where: 'release_pending', orderBy: 'offer_id', limit });
  }

  async releaseDone(em: EntityManager, offerId: string): Promise<void> {
    await em.query(`UPDATE bridging_offer SET release_pending = false WHERE offer_id = $1`, [offerId]);
  }
}
