import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure requests (AVG art. 17) and the services' confirmations. A request keeps the youthRef only
 * until every service confirmed; a confirmation that arrives before its request (the two topics
 * are read in parallel) waits under a SHA-256 digest of the youthRef, never the youthRef itself,
 * until the request adopts it (or for at most a day).
 */
export class Erasures1767139200000 implements MigrationInterface {
  name = 'Erasures1767139200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erasure_request (
        id uuid PRIMARY KEY,
        youth_ref text,
        origin text NOT NULL CHECK (origin IN ('admin-api', 'event')),
        reason text,
        requested_by text,
        requested_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT erasure_request_forgets CHECK (completed_at IS NULL OR youth_ref IS NULL)
      )`);
    await q.query(
      `CREATE INDEX erasure_request_open ON erasure_request (youth_ref) WHERE completed_at IS NULL`,
    );
    await q.query(`CREATE INDEX erasure_request_received ON erasure_request (received_at)`);
    await q.query(`
      CREATE TABLE erasure_confirmation (
        id bigserial PRIMARY KEY,
        request_id uuid REFERENCES erasure_request (id),
        youth_ref_digest text,
        service text NOT NULL,
        erased_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT erasure_confirmation_owner CHECK ((request_id IS NULL) <> (youth_ref_digest IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX erasure_confirmation_once ON erasure_confirmation (request_id, service)
        WHERE request_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX erasure_confirmation_waiting ON erasure_confirmation (youth_ref_digest) WHERE request_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erasure_confirmation`);
    await q.query(`DROP TABLE erasure_request`);
  }
}
