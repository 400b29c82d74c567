import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact first-offer latencies for the median (instead of buckets), and the expiry of the
 * dead-letter record copies kept for replay.
 */
export class FirstOfferLatency1767052800000 implements MigrationInterface {
  name = 'FirstOfferLatency1767052800000';

  async up(q: QueryRunner): Promise<void> {
    // One row per first offer, with no reference to the youngster or the entry: only the cell and
    // the seconds waited, so that a median can be computed and survives erasure of the youngster.
    await q.query(`
      CREATE TABLE impact_first_offer_latency (
        id bigserial PRIMARY KEY,
        municipality_code text NOT NULL,
        month char(7) NOT NULL,
        seconds double precision NOT NULL CHECK (seconds >= 0)
      )`);
    await q.query(
      `CREATE INDEX impact_first_offer_latency_cell ON impact_first_offer_latency (municipality_code, month)`,
    );
    // The bucket counters this replaces: nothing reads them any more.
    await q.query(`DELETE FROM impact_counter WHERE measure LIKE 'first_offer_%'`);
    await q.query(`ALTER TABLE dead_letter ADD COLUMN copy_expired_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dead_letter DROP COLUMN copy_expired_at`);
    await q.query(`DROP TABLE impact_first_offer_latency`);
  }
}
