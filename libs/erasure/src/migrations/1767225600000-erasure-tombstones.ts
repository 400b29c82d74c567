import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erased youngsters, by a SHA-256 digest of the youthRef only: events in flight at the moment of an
 * erasure (Kafka keeps them 14 days) must not bring the youngster back. Kept 15 days.
 */
export class ErasureTombstones1767225600000 implements MigrationInterface {
  name = 'ErasureTombstones1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erased_youth (
        digest text PRIMARY KEY,
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erased_youth`);
  }
}
