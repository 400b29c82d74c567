import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface DeliveryRow {
  id: string;
  channel: 'webhook' | 'email';
  team_id: string;
  webhook_id: string | null;
  recipient: string | null;
  event: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** The durable queue and log of webhook and e-mail deliveries; all in the caller's transaction. */
@Injectable()
export class DeliveriesRepository {
  async enqueueWebhooks(em: EntityManager, teamId: string, event: string, payload: object): Promise<number> {
    const rows = (await em.query(
      `INSERT INTO delivery (channel, team_id, webhook_id, event, payload)
       SELECT 'webhook', team_id, id, $2, $3 FROM webhook
        WHERE team_id = $1 AND status = 'active' AND $2 = ANY(events)
       RETURNING id`,
      [teamId, event, JSON.stringify(payload)],
    )) as unknown[];
    return rows.length;
  }

  async enqueueEmail(
    em: EntityManager,
    teamId: string,
    recipient: string,
    event: string,
    payload: object,
  ): Promise<void> {
    await em.query(
      `INSERT INTO delivery (channel, team_id, recipient, event, payload) VALUES ('email', $1, $2, $3, $4)`,
      [teamId, recipient, event, JSON.stringify(payload)],
    );
  }

  /** Due deliveries, locked: a second instance skips them instead of sending twice. */
  claimDue(em: EntityManager, now: Date, limit: number): Promise<DeliveryRow[]> {
    return em.query(
      `SELECT * FROM delivery WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markDelivered(em: EntityManager, id: string, statusCode: number | null): Promise<void> {
    await em.query(
      `UPDATE delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = now(),
              last_status_code = $2, last_error = NULL WHERE id = $1`,
      [id, statusCode],
    );
  }

  async markAttemptFailed(
    em: EntityManager,
    id: string,
    failure: { statusCode: number | null; error: string; nextAttemptAt: Date | null },
  ): Promise<void> {
    await em.query(
      `UPDATE delivery SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
              status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at)
        WHERE id = $1`,
      [id, failure.statusCode, failure.error.slice(0, 500), failure.nextAttemptAt],
    );
  }

  async failPendingOfWebhook(em: EntityManager, webhookId: string, reason: string): Promise<void> {
    await em.query(
      `UPDATE delivery SET status = 'failed', last_error = $2 WHERE webhook_id = $1 AND status = 'pending'`,
      [webhookId, reason],
    );
  }

  /**
   * Deletes the webhook's deliveries, waiting for any the worker is sending: it locks deliveries
   * before their webhook, and so does a deletion, so the two never wait on each other.
   */
  async deleteOfWebhook(em: EntityManager, webhookId: string): Promise<void> {
    await em.query(`DELETE FROM delivery WHERE webhook_id = $1`, [webhookId]);
  }

  async listForWebhook(em: EntityManager, webhookId: string, limit: number, offset: number) {
    const items = (await em.query(
      `SELECT * FROM delivery WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [webhookId, limit, offset],
    )) as DeliveryRow[];
    const [{ total }] = (await em.query(`SELECT count(*)::int AS total FROM delivery WHERE webhook_id = $1`, [
      webhookId,
    ])) as { total: number }[];
    return { items, total };
  }
}
