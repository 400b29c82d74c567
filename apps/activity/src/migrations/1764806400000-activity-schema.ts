import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams, activities, placements and attendance. The seat counters live on the activity row, and
 * a CHECK keeps held + confirmed <= capacity: writers lock the row (SELECT … FOR UPDATE) before they
 * change a counter, and the constraint is the last line should any code path forget.
 */
export class ActivitySchema1764806400000 implements MigrationInterface {
  name = 'ActivitySchema1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        organisation text NOT NULL,
        municipality_codes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY,
        team_id uuid NOT NULL REFERENCES team (id),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('group', 'individual', 'online', 'internship')),
        themes text[] NOT NULL,
        min_age int NOT NULL,
        max_age int NOT NULL,
        municipality_code text NOT NULL,
        postcode4 text NOT NULL,
        location_name text,
        accessibility_notes text,
        schedule jsonb NOT NULL,
        contact_role text NOT NULL,
        capacity int NOT NULL,
        held int NOT NULL DEFAULT 0,
        confirmed int NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'paused', 'closed')),
        close_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_age_range CHECK (min_age >= 4 AND max_age <= 23 AND min_age <= max_age),
        CONSTRAINT activity_seats CHECK (held >= 0 AND confirmed >= 0 AND held + confirmed <= capacity)
      )`);
    await q.query(`CREATE INDEX activity_search ON activity (municipality_code, status)`);
    await q.query(`CREATE INDEX activity_team ON activity (team_id)`);
    await q.query(`
      CREATE TABLE placement (
        id uuid PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES activity (id),
        team_id uuid NOT NULL,
        youth_ref text NOT NULL,
        reference text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('held', 'confirmed', 'released', 'cancelled', 'completed')),
        expires_at timestamptz,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        ended_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One active seat per youngster per activity.
    await q.query(`
      CREATE UNIQUE INDEX placement_one_active ON placement (activity_id, youth_ref)
        WHERE status IN ('held', 'confirmed')`);
    // The sweeper's work list: only holds, by expiry.
    await q.query(`CREATE INDEX placement_expiring ON placement (expires_at) WHERE status = 'held'`);
    await q.query(`CREATE INDEX placement_youth ON placement (youth_ref)`);
    await q.query(`CREATE INDEX placement_activity ON placement (activity_id, status)`);
    await q.query(`
      CREATE TABLE attendance (
        placement_id uuid NOT NULL REFERENCES placement (id),
        session_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (placement_id, session_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attendance');
    await q.query('DROP TABLE placement');
    await q.query('DROP TABLE activity');
    await q.query('DROP TABLE team');
  }
}
