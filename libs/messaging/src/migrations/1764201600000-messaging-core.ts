import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox tables every service database has. */
export class MessagingCore1764201600000 implements MigrationInterface {
  name = 'MessagingCore1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_event (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        event_key text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    // The relay reads only unsent rows, in order: keep that index small.
    await q.query(`CREATE INDEX outbox_event_unsent ON outbox_event (position) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX outbox_event_sent_at ON outbox_event (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE inbox_event (
        consumer text NOT NULL,
        source text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, source, event_id)
      )`);
    await q.query(`CREATE INDEX inbox_event_processed_at ON inbox_event (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox_event');
    await q.query('DROP TABLE outbox_event');
  }
}
