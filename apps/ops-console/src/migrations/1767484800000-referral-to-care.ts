import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each referral of youth work to care (toeleiding), its municipality, when it was made and when
 * care accepted it, for the median time to acceptance. No youthRef: it survives erasure.
 */
export class ReferralToCare1767484800000 implements MigrationInterface {
  name = 'ReferralToCare1767484800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_to_care (
        referral_id text PRIMARY KEY,
        municipality_code text NOT NULL,
        created_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_month char(7)
      )`);
    await q.query(
      `CREATE INDEX referral_to_care_accepted ON referral_to_care (municipality_code, accepted_month)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_to_care`);
  }
}
