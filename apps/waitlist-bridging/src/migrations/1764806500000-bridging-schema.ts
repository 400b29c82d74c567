import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Waitlist entries, their bridging offers, and the activities we heard of (for their municipality). */
export class BridgingSchema1764806500000 implements MigrationInterface {
  name = 'BridgingSchema1764806500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waitlist_entry (
        waitlist_entry_id   text PRIMARY KEY,
        youth_ref           text NOT NULL,
        source              text NOT NULL,
        age_years           integer NOT NULL,
        postcode4           char(4) NOT NULL,
        municipality_code   text NOT NULL,
        care_category       text NOT NULL,
        expected_wait_weeks integer NOT NULL,
        interests           text[] NOT NULL DEFAULT '{}',
        consent             jsonb,
        status              text NOT NULL,
        entered_at          timestamptz NOT NULL,
        received_at         timestamptz NOT NULL DEFAULT now(),
        first_offered_at    timestamptz,
        accepted_at         timestamptz,
        queued_notified     boolean NOT NULL DEFAULT false,
        next_match_at       timestamptz,
        exit_reason         text,
        exited_at           timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT waitlist_entry_status_ck CHECK (status IN
          ('awaiting-consent','matching','queued','offered','bridged','no-match','ended'))
      )`);
    await q.query(
      `CREATE INDEX waitlist_entry_matching_ix ON waitlist_entry (entered_at) WHERE status = 'matching'`,
    );
    await q.query(
      `CREATE INDEX waitlist_entry_queue_ix ON waitlist_entry (municipality_code, entered_at) WHERE status = 'queued'`,
    );
    await q.query(
      `CREATE INDEX waitlist_entry_list_ix ON waitlist_entry (municipality_code, status, entered_at)`,
    );
    await q.query(`
      CREATE TABLE bridging_offer (
        offer_id          uuid PRIMARY KEY,
        waitlist_entry_id text NOT NULL REFERENCES waitlist_entry (waitlist_entry_id),
        rank              integer NOT NULL CHECK (rank BETWEEN 1 AND 3),
        activity_id       text NOT NULL,
        team_id           text NOT NULL,
        activity_title    text,
        placement_id      text NOT NULL,
        status            text NOT NULL,
        expires_at        timestamptz NOT NULL,
        offered_at        timestamptz NOT NULL DEFAULT now(),
        decided_at        timestamptz,
        reason            text,
        release_pending   boolean NOT NULL DEFAULT false,
        CONSTRAINT bridging_offer_rank_uq UNIQUE (waitlist_entry_id, rank),
        CONSTRAINT bridging_offer_status_ck CHECK (status IN ('open','accepted','declined','expired','withdrawn'))
      )`);
    await q.query(
      `CREATE INDEX bridging_offer_release_ix ON bridging_offer (offer_id) WHERE release_pending`,
    );
    await q.query(`
      CREATE TABLE known_activity (
        activity_id       text PRIMARY KEY,
        team_id           text NOT NULL,
        title             text NOT NULL,
        municipality_code text NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_activity`);
    await q.query(`DROP TABLE bridging_offer`);
    await q.query(`DROP TABLE waitlist_entry`);
  }
}
