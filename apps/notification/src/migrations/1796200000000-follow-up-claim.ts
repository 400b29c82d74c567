import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which worker (token subject) holds a youngster's follow-up within a team; none means the team. */
export class FollowUpClaim1796200000000 implements MigrationInterface {
  name = 'FollowUpClaim1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE follow_up_claim (
        team_id text NOT NULL,
        youth_ref text NOT NULL,
        worker text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, youth_ref)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follow_up_claim`);
  }
}
