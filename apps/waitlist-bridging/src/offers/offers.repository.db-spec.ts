import { MessagingCore1764201600000 } from '@samenspel/messaging';
import {
  createTestDatabase,
  PAST_GENERIC_PLAN,
  readsBetween,
  tableReads,
  type TestDatabase,
} from '@samenspel/testing';
import type { QueryRunner } from 'typeorm';
import { BridgingSchema1764806500000 } from '../migrations/1764806500000-bridging-schema';
import { BridgingOffer } from '../offers/bridging-offer.entity';
import { OffersRepository } from './offers.repository';
import { KnownActivity } from '../activity-catalog/known-activity.entity';
import { WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';

/** The entry that has offers of rank 1, 2 and 3. */
const RANKED = 40;

async function bridgingDatabase(name: string): Promise<TestDatabase> {
  return createTestDatabase(name, {
    entities: [WaitlistEntry, BridgingOffer, KnownActivity],
    migrations: [MessagingCore1764201600000, BridgingSchema1764806500000],
  });
}

/** Youngsters `from`..`to` (`wl-<i>`), each with one open offer; the first `pending` of them withdrawn, seat still held. */
async function addOffers(db: TestDatabase, from: number, to: number, pending = 0): Promise<void> {
  await db.dataSource.query(
    `INSERT INTO waitlist_entry (waitlist_entry_id, youth_ref, source, age_years, postcode4,
            municipality_code, care_category, expected_wait_weeks, status, entered_at)
     SELECT 'wl-' || i, 'youth-' || i, 'urn:test', 14, '3511', 'GM0344', 'ggz', 8, 'offered', now()
       FROM generate_series($1::int, $2::int) AS i`,
    [from, to],
  );
  await db.dataSource.query(
    `INSERT INTO bridging_offer (offer_id, waitlist_entry_id, rank, activity_id, team_id,
            placement_id, status, expires_at, release_pending)
     SELECT gen_random_uuid(), 'wl-' || i, 1, 'act-1', 'team-1', 'pl-' || i,
            CASE WHEN i < $1 + $3 THEN 'withdrawn' ELSE 'open' END, now() + interval '7 days', i < $1 + $3
       FROM generate_series($1::int, $2::int) AS i`,
    [from, to, pending],
  );
}

/**
 * The matcher asks every round for pending releases, and for the offers of the batch it is about
 * to match. Both must be answered from an index however PostgreSQL plans them: on a table it has
 * not analysed yet (a fresh database, a bulk import, a server without autovacuum), and with the
 * plan it makes once for any parameter after five runs of a prepared statement (as the services
 * run every statement) and then keeps, on that connection, until the table's statistics change.
 */
describe('OffersRepository against PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let runner: QueryRunner | undefined;

  afterEach(async () => {
    await runner?.release();
    await db?.drop();
    runner = undefined;
    db = undefined;
  });

  /** A database of its own, and one connection to it (a prepared statement's plan is per connection). */
  async function connected(name: string): Promise<{ database: TestDatabase; session: QueryRunner }> {
    const database = await bridgingDatabase(name);
    db = database;
    const session = database.dataSource.createQueryRunner();
    runner = session;
    await session.connect();
    return { database, session };
  }

  it('finds the offers whose seats wait to be released through the partial index alone, also once the plan is generic', async () => {
    const pending = 3;
    const { database, session } = await connected('bridging_repo_releases');
    await addOffers(database, 1, 20_000, pending);
    const [{ unanalysed }] = await session.query(
      `SELECT reltuples < 0 AS unanalysed FROM pg_class WHERE relname = 'bridging_offer'`,
    );
    // The case this test is about: no statistics yet (reltuples is -1 until the first ANALYZE).
    expect(unanalysed).toBe(true);
    const repo = new OffersRepository();
    const before = await tableReads(session, 'bridging_offer');

    const reads: BridgingOffer[][] = [];
    for (let run = 0; run < PAST_GENERIC_PLAN; run++)
      reads.push(await repo.pendingReleases(session.manager, 20));

    for (const found of reads) {
      expect(found).toHaveLength(pending);
      expect(found.every((o) => o.releasePending && o.status === 'withdrawn')).toBe(true);
      expect(found.map((o) => o.offerId)).toEqual([...found.map((o) => o.offerId)].sort());
    }
    // Only the pending offers' entries, from their own index: not a walk of the primary key
    // (which a plan for `release_pending = $1` did, reading all 20,000 on every run).
    expect(readsBetween(before, await tableReads(session, 'bridging_offer'))).toEqual({
      seqScans: 0,
      indexEntries: { bridging_offer_release_ix: pending * PAST_GENERIC_PLAN },
    });
  });

  it("reads a batch's offers through the index on the youngster, also with a plan made while the table was small", async () => {
    const { database, session } = await connected('bridging_repo_batch');
    await addOffers(database, 1, 300);
    // One youngster with all three ranks, so that the order of a youngster's offers shows.
    await database.dataSource.query(
      `INSERT INTO bridging_offer (offer_id, waitlist_entry_id, rank, activity_id, team_id, placement_id,
              status, expires_at)
       SELECT gen_random_uuid(), 'wl-' || $1, r, 'act-' || r, 'team-1', 'pl-extra-' || r, 'open', now()
         FROM unnest(ARRAY[3, 2]) AS r`,
      [RANKED],
    );
    const repo = new OffersRepository();
    const batch = Array.from({ length: 20 }, (_, i) => `wl-${RANKED - 10 + i}`);
    // The plan is made, and kept, while the table holds 302 offers, as early in a service's life.
    for (let run = 0; run < PAST_GENERIC_PLAN; run++) await repo.offersOf(session.manager, batch);
    await addOffers(database, 301, 20_000);
    const before = await tableReads(session, 'bridging_offer');

    const reads: BridgingOffer[][] = [];
    for (let run = 0; run < PAST_GENERIC_PLAN; run++) reads.push(await repo.offersOf(session.manager, batch));

    // A table scan here would read all 20,002 offers for 22 of them on every round of the matcher.
    expect(readsBetween(before, await tableReads(session, 'bridging_offer'))).toEqual({
      seqScans: 0,
      indexEntries: { bridging_offer_rank_uq: (batch.length + 2) * PAST_GENERIC_PLAN },
    });
    for (const offers of reads) {
      expect(offers).toHaveLength(batch.length + 2);
      expect(offers.every((o) => o instanceof BridgingOffer && o.expiresAt instanceof Date)).toBe(true);
      expect(new Set(offers.map((o) => o.waitlistEntryId))).toEqual(new Set(batch));
      expect(offers.filter((o) => o.waitlistEntryId === `wl-${RANKED}`).map((o) => o.rank)).toEqual([
        1, 2, 3,
      ]);
    }
  });
});
