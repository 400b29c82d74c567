import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notification1764288000000 implements MigrationInterface {
  name = 'Notification1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY,
        source_key text NOT NULL UNIQUE,
        team_id text NOT NULL,
        type text NOT NULL,
        youth_ref text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'claimed', 'done', 'cancelled')),
        priority text NOT NULL CHECK (priority IN ('normal', 'high')),
        due_at timestamptz NOT NULL,
        context jsonb NOT NULL DEFAULT '{}',
        offer_id text,
        referral_id text,
        activity_id text,
        step text,
        assignee text,
        outcome text,
        cancel_reason text,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        reminded_at timestamptz,
        escalated_at timestamptz
      )`);
    await q.query(`CREATE INDEX task_team_status_due ON task (team_id, status, due_at)`);
    await q.query(`CREATE INDEX task_offer ON task (offer_id) WHERE offer_id IS NOT NULL`);
    await q.query(`CREATE INDEX task_active_due ON task (due_at) WHERE status IN ('open', 'claimed')`);
    await q.query(`
      CREATE TABLE scheduled_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id text NOT NULL,
        step text NOT NULL,
        team_id text NOT NULL,
        youth_ref text NOT NULL,
        municipality_code text,
        run_at timestamptz NOT NULL,
        due_working_days integer NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        task_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        UNIQUE (referral_id, step)
      )`);
    await q.query(`CREATE INDEX scheduled_step_due ON scheduled_step (run_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE webhook (
        id uuid PRIMARY KEY,
        team_id text NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'disabled')),
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_team ON webhook (team_id) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('webhook', 'email')),
        team_id text NOT NULL,
        webhook_id uuid REFERENCES webhook (id),
        recipient text,
        event text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX delivery_webhook ON delivery (webhook_id, created_at)`);
    await q.query(`
      CREATE TABLE team_contact (
        team_id text PRIMARY KEY,
        team_email text,
        team_lead_email text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE team_contact, delivery, webhook, scheduled_step, task`);
  }
}
