import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ids of the teams the activity service has announced; nothing else about them. */
export class KnownTeams1796100000000 implements MigrationInterface {
  name = 'KnownTeams1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_team (
        team_id text PRIMARY KEY,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_team`);
  }
}
