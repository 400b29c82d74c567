import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals, their status history, and the read model of youth-work teams. */
export class Referrals1764806400000 implements MigrationInterface {
  name = 'Referrals1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team (
        team_id text PRIMARY KEY,
        name text NOT NULL,
        organisation text NOT NULL,
        municipality_codes text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX team_municipalities ON team USING gin (municipality_codes)`);
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        origin text NOT NULL,
        external_ref text,
        direction text NOT NULL,
        phase text NOT NULL,
        youth_ref text NOT NULL,
        age_years int NOT NULL,
        postcode4 text NOT NULL,
        municipality_code text NOT NULL,
        reason text NOT NULL,
        themes text[] NOT NULL DEFAULT '{}',
        note_ciphertext text,
        consent_youth_work boolean NOT NULL,
        consent_given_by text NOT NULL,
        consent_given_at timestamptz NOT NULL,
        referred_by_organisation text NOT NULL,
        referred_by_role text NOT NULL,
        referring_team_id text,
        receiving_team_id text,
        receiving_organisation text,
        status text NOT NULL,
        outcome text,
        warm_handover jsonb,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One referral per inbound trajectory or care referral, however often the event is replayed.
    await q.query(
      `CREATE UNIQUE INDEX referral_external ON referral (origin, external_ref) WHERE external_ref IS NOT NULL`,
    );
    await q.query(`CREATE INDEX referral_youth_ref ON referral (youth_ref)`);
    await q.query(`CREATE INDEX referral_receiving_team ON referral (receiving_team_id, status)`);
    await q.query(`CREATE INDEX referral_referring_team ON referral (referring_team_id)`);
    await q.query(`CREATE INDEX referral_referred_by ON referral (referred_by_organisation)`);
    await q.query(`
      CREATE TABLE referral_status_change (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason_code text,
        outcome text,
        note_ciphertext text,
        actor_role text NOT NULL,
        actor_ref text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_status_change_referral ON referral_status_change (referral_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_status_change`);
    await q.query(`DROP TABLE referral`);
    await q.query(`DROP TABLE team`);
  }
}
