import { MessagingCore1764201600000 } from '@samenspel/messaging';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import type { QueryRunner } from 'typeorm';
import { BridgingSchema1764806500000 } from '../migrations/1764806500000-bridging-schema';
import { BridgingOffer } from './bridging-offer.entity';
import { BridgingRepository } from './bridging.repository';
import { KnownActivity } from './known-activity.entity';
import { WaitlistEntry } from './waitlist-entry.entity';

const OFFERS = 20_000;
const PENDING = 3;
/** The entry that has offers of rank 1, 2 and 3. */
const RANKED = 40;

/**
 * How often PostgreSQL has scanned bridging_offer whole, and through an index, and how many index
 * entries it read through each index, as this session sees it.
 */
async function scansOfOffers(
  runner: QueryRunner,
): Promise<{ seq: number; idx: number; read: Record<string, number> }> {
  // This session's counts are flushed when it is next idle (PostgreSQL 15+), and read afresh.
  await runner.query(`SELECT pg_stat_force_next_flush()`);
  await runner.query(`SELECT pg_stat_clear_snapshot()`);
  const [row] = await runner.query(
    `SELECT seq_scan::int AS seq, coalesce(idx_scan, 0)::int AS idx FROM pg_stat_user_tables
      WHERE relname = 'bridging_offer'`,
  );
  const indexes: { name: string; read: number }[] = await runner.query(
    `SELECT indexrelname AS name, idx_tup_read::int AS read FROM pg_stat_user_indexes
      WHERE relname = 'bridging_offer'`,
  );
  return { ...row, read: Object.fromEntries(indexes.map((i) => [i.name, i.read])) };
}

/** Index entries read between two readings, per index (those read at all). */
function entriesRead(before: { read: Record<string, number> }, after: { read: Record<string, number> }) {
  return Object.fromEntries(
    Object.entries(after.read)
      .map(([name, n]) => [name, n - (before.read[name] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

/** More than the five runs after which PostgreSQL may plan a prepared statement once for any parameter. */
const RUNS = 8;

/**
 * The matcher asks every round for pending releases, and for the offers of the batch it is about
 * to match. On a table that PostgreSQL has not analysed yet (a fresh database, a bulk import, a
 * server without autovacuum), both must still be answered from an index, not by reading every
 * offer ever made. (On a small table PostgreSQL rightly prefers to read it whole for the batch;
 * 20,000 offers is past that.)
 */
describe('BridgingRepository against PostgreSQL', () => {
  let db: TestDatabase;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase('bridging_repo', {
      entities: [WaitlistEntry, BridgingOffer, KnownActivity],
      migrations: [MessagingCore1764201600000, BridgingSchema1764806500000],
    });
    await db.dataSource.query(
      `INSERT INTO waitlist_entry (waitlist_entry_id, youth_ref, source, age_years, postcode4,
              municipality_code, care_category, expected_wait_weeks, status, entered_at)
       SELECT 'wl-' || i, 'youth-' || i, 'urn:test', 14, '3511', 'GM0344', 'ggz', 8, 'offered', now()
         FROM generate_series(1, $1) AS i`,
      [OFFERS],
    );
    await db.dataSource.query(
      `INSERT INTO bridging_offer (offer_id, waitlist_entry_id, rank, activity_id, team_id,
              placement_id, status, expires_at, release_pending)
       SELECT gen_random_uuid(), 'wl-' || i, 1, 'act-1', 'team-1', 'pl-' || i,
              CASE WHEN i <= $2 THEN 'withdrawn' ELSE 'open' END, now() + interval '7 days', i <= $2
         FROM generate_series(1, $1) AS i`,
      [OFFERS, PENDING],
    );
    // One youngster with all three ranks, so that the order of a youngster's offers shows.
    await db.dataSource.query(
      `INSERT INTO bridging_offer (offer_id, waitlist_entry_id, rank, activity_id, team_id, placement_id,
              status, expires_at)
       SELECT gen_random_uuid(), 'wl-' || $1, r, 'act-' || r, 'team-1', 'pl-extra-' || r, 'open', now()
         FROM unnest(ARRAY[3, 2]) AS r`,
      [RANKED],
    );
    runner = db.dataSource.createQueryRunner();
    await runner.connect();
  });
  afterAll(async () => {
    await runner?.release();
    await db?.drop();
  });

  it('finds the offers whose seats wait to be released through the partial index alone, also once the plan is generic', async () => {
    const [{ unanalysed }] = await runner.query(
      `SELECT reltuples < 0 AS unanalysed FROM pg_class WHERE relname = 'bridging_offer'`,
    );
    // The case this test is about: no statistics yet (reltuples is -1 until the first ANALYZE).
    expect(unanalysed).toBe(true);
    const repo = BridgingRepository.in(runner.manager);
    const before = await scansOfOffers(runner);

    // Named prepared statements (as the services run them) may be planned once for any parameter
    // after five runs; such a plan cannot rely on a partial index whose condition is a parameter.
    const reads: BridgingOffer[][] = [];
    for (let run = 0; run < RUNS; run++) reads.push(await repo.pendingReleases(20));

    const after = await scansOfOffers(runner);
    for (const pending of reads) {
      expect(pending).toHaveLength(PENDING);
      expect(pending.every((o) => o.releasePending && o.status === 'withdrawn')).toBe(true);
      expect(pending.map((o) => o.offerId)).toEqual([...pending.map((o) => o.offerId)].sort());
    }
    expect(after.seq - before.seq).toBe(0);
    expect(after.idx - before.idx).toBe(RUNS);
    // Only the pending offers' entries, from their own index: not a walk of the primary key.
    expect(entriesRead(before, after)).toEqual({ bridging_offer_release_ix: PENDING * RUNS });
  });

  it("reads a batch's offers through the index on the youngster, also once the statement's plan is generic", async () => {
    const repo = BridgingRepository.in(runner.manager);
    const batch = Array.from({ length: 20 }, (_, i) => `wl-${RANKED - 10 + i}`);
    const before = await scansOfOffers(runner);

    // A plan made once for any parameter knows neither the batch nor, here, the table's statistics.
    const reads: BridgingOffer[][] = [];
    for (let run = 0; run < RUNS; run++) reads.push(await repo.offersOf(batch));

    const after = await scansOfOffers(runner);
    expect(after.seq - before.seq).toBe(0);
    expect(entriesRead(before, after)).toEqual({ bridging_offer_rank_uq: (batch.length + 2) * RUNS });
    for (const offers of reads) {
      expect(offers).toHaveLength(batch.length + 2);
      expect(new Set(offers.map((o) => o.waitlistEntryId))).toEqual(new Set(batch));
      expect(offers.filter((o) => o.waitlistEntryId === `wl-${RANKED}`).map((o) => o.rank)).toEqual([
        1, 2, 3,
      ]);
    }
  });
});
