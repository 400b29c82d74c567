import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The browser sessions of a service with sign-in, keyed by a SHA-256 digest of the random session
 * id that only the person's cookie holds. The tokens are one encrypted JSON document.
 */
export class WebSessions1796400000000 implements MigrationInterface {
  name = 'WebSessions1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_session (
        id_digest text PRIMARY KEY,
        subject text NOT NULL,
        sealed_tokens text NOT NULL,
        access_expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX web_session_ends_at ON web_session (ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_session`);
  }
}
