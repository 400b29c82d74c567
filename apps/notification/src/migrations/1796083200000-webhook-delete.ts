import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deleting a webhook deletes its deliveries, including one enqueued while it is being deleted. */
export class WebhookDelete1796083200000 implements MigrationInterface {
  name = 'WebhookDelete1796083200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE delivery DROP CONSTRAINT delivery_webhook_id_fkey,
        ADD CONSTRAINT delivery_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE delivery DROP CONSTRAINT delivery_webhook_id_fkey,
        ADD CONSTRAINT delivery_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES webhook (id)`);
  }
}
