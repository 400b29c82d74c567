import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface WebhookRow {
  id: string;
  team_id: string;
  url: string;
  events: string[];
  secret: string;
  status: 'active' | 'disabled';
  consecutive_failures: number;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
}

/** A team's webhooks: where deliveries go, and how often in a row they failed. */
@Injectable()
export class WebhooksRepository {
  async insert(
    em: EntityManager,
    row: Omit<WebhookRow, 'created_at' | 'disabled_at' | 'consecutive_failures' | 'status'>,
  ) {
    const [created] = (await em.query(
      `INSERT INTO webhook (id, team_id, url, events, secret, status, created_by)
       VALUES ($1, $2, $3, $4, $5, 'active', $6) RETURNING *`,
      [row.id, row.team_id, row.url, row.events, row.secret, row.created_by],
    )) as WebhookRow[];
    return created;
  }

  async find(em: EntityManager, id: string): Promise<WebhookRow | undefined> {
    const [row] = (await em.query(`SELECT * FROM webhook WHERE id = $1`, [id])) as WebhookRow[];
    return row;
  }

  /** Reads and row-locks the webhook until the transaction ends. */
  async lock(em: EntityManager, id: string): Promise<WebhookRow | undefined> {
    const [row] = (await em.query(`SELECT * FROM webhook WHERE id = $1 FOR UPDATE`, [id])) as WebhookRow[];
    return row;
  }

  listOfTeam(em: EntityManager, teamId: string): Promise<WebhookRow[]> {
    return em.query(`SELECT * FROM webhook WHERE team_id = $1 ORDER BY created_at`, [teamId]);
  }

  /** Counts one more failed attempt; returns the webhook afterwards. */
  async recordFailure(em: EntityManager, id: string): Promise<WebhookRow> {
    const [[row]] = (await em.query(
      `UPDATE webhook SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING *`,
      [id],
    )) as [WebhookRow[], number];
    return row;
  }

  async recordSuccess(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE webhook SET consecutive_failures = 0 WHERE id = $1`, [id]);
  }

  async disable(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE webhook SET status = 'disabled', disabled_at = now() WHERE id = $1`, [id]);
  }

  async enable(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE webhook SET status = 'active', disabled_at = NULL, consecutive_failures = 0 WHERE id = $1`,
      [id],
    );
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM webhook WHERE id = $1`, [id]);
  }
}
