import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event ledger (coordinates and refs only, never payload fields), the small flow-state
 * projections the stuck-flow rules read, dead letters with their audit trail, and the impact
 * counters per municipality and month.
 */
export class OpsConsoleSchema1766880000000 implements MigrationInterface {
  name = 'OpsConsoleSchema1766880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_event (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        event_id text,
        type text,
        source text,
        youth_ref text,
        correlation_id text,
        event_time timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        valid boolean NOT NULL,
        dead_letter boolean NOT NULL DEFAULT false,
        refs jsonb NOT NULL DEFAULT '{}',
        UNIQUE (topic, partition, "offset")
      )`);
    await q.query(`CREATE INDEX ledger_event_youth ON ledger_event (youth_ref, event_time)`);
    await q.query(`CREATE INDEX ledger_event_recorded ON ledger_event (recorded_at)`);
    await q.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        original_topic text NOT NULL,
        original_partition int,
        original_offset bigint,
        reason text NOT NULL,
        consumer text,
        dead_lettered_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        event_id text,
        type text,
        youth_ref text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'resolved')),
        replay_count int NOT NULL DEFAULT 0,
        -- The original record, kept only while it may still be replayed; cleared on resolve.
        record_key text,
        record_value bytea,
        record_headers jsonb,
        resolved_by text,
        resolved_at timestamptz,
        resolution_note text,
        UNIQUE (topic, partition, "offset")
      )`);
    await q.query(`
      CREATE TABLE dead_letter_action (
        id bigserial PRIMARY KEY,
        dead_letter_id uuid NOT NULL REFERENCES dead_letter (id),
        action text NOT NULL CHECK (action IN ('replay', 'resolve')),
        actor text NOT NULL,
        actor_role text NOT NULL,
        target_topic text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE waitlist_entry_state (
        waitlist_entry_id text PRIMARY KEY,
        youth_ref text NOT NULL,
        municipality_code text,
        consent boolean NOT NULL,
        -- Null while only an offer for the entry was seen: topics are not ordered among each other.
        entered_at timestamptz,
        offered_at timestamptz,
        queued_at timestamptz,
        closed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE task_state (
        task_id text PRIMARY KEY,
        youth_ref text NOT NULL,
        task_type text NOT NULL,
        offer_id text,
        due_at timestamptz NOT NULL,
        claimed_at timestamptz,
        closed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE handover_state (
        referral_id text PRIMARY KEY,
        youth_ref text NOT NULL,
        municipality_code text,
        handed_over_at timestamptz NOT NULL,
        first_contact_at timestamptz,
        closed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE youth_municipality (
        youth_ref text PRIMARY KEY,
        municipality_code text NOT NULL
      )`);
    // Which (measure, subject) pairs were already counted: a replayed or redelivered event never counts twice.
    await q.query(`
      CREATE TABLE impact_fact (
        measure text NOT NULL,
        subject text NOT NULL,
        PRIMARY KEY (measure, subject)
      )`);
    await q.query(`
      CREATE TABLE impact_counter (
        municipality_code text NOT NULL,
        month char(7) NOT NULL,
        measure text NOT NULL,
        count int NOT NULL,
        PRIMARY KEY (municipality_code, month, measure)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'impact_counter',
      'impact_fact',
      'youth_municipality',
      'handover_state',
      'task_state',
      'waitlist_entry_state',
      'dead_letter_action',
      'dead_letter',
      'ledger_event',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
