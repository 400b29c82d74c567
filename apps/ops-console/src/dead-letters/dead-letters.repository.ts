import { Injectable } from '@nestjs/common';
import { DLQ_REDACTED } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { reasonCategory, redactReason } from '../domain/dead-letter-record';
import type {
  DeadLetterAction,
  DeadLetterActor,
  DeadLetterView,
  NewDeadLetter,
  OpenDeadLetter,
  ReplayableRecord,
} from './dead-letter.entity';

type Row = Record<string, never>;

const LISTED_COLUMNS = `id, topic, partition, "offset", original_topic, original_partition, original_offset, reason,
  consumer, dead_lettered_at, received_at, event_id, type, youth_ref, status, replay_count, resolved_by,
  resolved_at, resolution_note IS NOT NULL AS has_note, copy_expired_at`;

/** Dead letters as the flow monitor recorded them, and their audit trail. */
@Injectable()
export class DeadLettersRepository {
  /** Records a dead letter once per cluster and coordinates. */
  async insert(em: EntityManager, clusterId: string, d: NewDeadLetter): Promise<void> {
    const c = d.coordinates;
    await em.query(
      `INSERT INTO dead_letter (cluster_id, topic, partition, "offset", original_topic, original_partition,
         original_offset, reason, consumer, dead_lettered_at, event_id, type, youth_ref, record_key, record_value,
         record_headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (topic, partition, "offset", cluster_id) DO NOTHING`,
      [
        clusterId,
        d.topic,
        d.partition,
        d.offset,
        c.originalTopic,
        c.originalPartition,
        c.originalOffset,
        c.reason,
        c.consumer,
        c.deadLetteredAt,
        d.eventId,
        d.type,
        d.youthRef,
        d.key,
        d.value,
        JSON.stringify(d.headers),
      ],
    );
  }

  async list(
    em: EntityManager,
    filter: { topic?: string; status?: string; limit: number; offset: number },
  ): Promise<{ items: DeadLetterView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.topic) {
      params.push(filter.topic);
      where.push(`(original_topic = $${params.length} OR topic = $${params.length})`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await em.query(
      `SELECT count(*)::int AS total FROM dead_letter ${clause}`,
      params,
    )) as { total: number }[];
    const rows = (await em.query(
      // The list never needs the record copies themselves, only whether one is still there.
      `SELECT ${LISTED_COLUMNS}, record_headers ? '${DLQ_REDACTED}' AS redacted,
         record_value IS NOT NULL AND NOT record_headers ? '${DLQ_REDACTED}' AS replayable FROM dead_letter ${clause}
       ORDER BY COALESCE(dead_lettered_at, received_at) DESC, id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    )) as Row[];
    return { items: rows.map(view), total };
  }

  async forUpdate(em: EntityManager, ids: readonly string[]): Promise<ReplayableRecord[]> {
    const rows = (await em.query(
      `SELECT * FROM dead_letter WHERE id = ANY($1::uuid[]) ORDER BY topic, partition, "offset" FOR UPDATE`,
      [ids],
    )) as Row[];
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      partition: r.partition,
      offset: String(r.offset),
      originalTopic: r.original_topic,
      key: r.record_key,
      value: r.record_value,
      headers: r.record_headers ?? {},
      status: r.status,
    }));
  }

  async markReplayed(em: EntityManager, id: string, actor: DeadLetterActor, target: string): Promise<void> {
    await em.query(
      `UPDATE dead_letter SET status = 'replayed', replay_count = replay_count + 1 WHERE id = $1`,
      [id],
    );
    await this.audit(em, id, 'replay', actor, target);
  }

  /** `encryptedNote`: the resolution note as NoteCipher ciphertext. */
  async markResolved(
    em: EntityManager,
    id: string,
    actor: DeadLetterActor,
    encryptedNote: string,
  ): Promise<void> {
    // The record itself is no longer needed once resolved: drop the payload copy.
    await em.query(
      `UPDATE dead_letter SET status = 'resolved', resolved_by = $2, resolved_at = now(), resolution_note = $3,
         record_value = NULL, record_key = NULL, record_headers = NULL WHERE id = $1`,
      [id, actor.sub, encryptedNote],
    );
    await this.audit(em, id, 'resolve', actor, null);
  }

  /**
   * Clears the record copies of dead letters received before `cutoff` (the .dlq topic no longer
   * holds them either); status, coordinates and the audit trail stay. Returns how many were cleared.
   */
  async expireCopies(em: EntityManager, cutoff: Date): Promise<number> {
    const rows = (await em.query(
      `UPDATE dead_letter SET record_key = NULL, record_value = NULL, record_headers = NULL, copy_expired_at = now()
       WHERE received_at < $1 AND record_value IS NOT NULL RETURNING id`,
      [cutoff],
    )) as [unknown[], number];
    return rows[1];
  }

  async actions(em: EntityManager, id: string): Promise<DeadLetterAction[]> {
    const rows = (await em.query(
      `SELECT action, actor, actor_role, target_topic, at FROM dead_letter_action WHERE dead_letter_id = $1 ORDER BY id`,
      [id],
    )) as Row[];
    return rows.map((r) => ({
      action: r.action as string,
      actor: r.actor as string,
      actorRole: r.actor_role as string,
      targetTopic: r.target_topic as string | null,
      at: new Date(r.at).toISOString(),
    }));
  }

  /** The dead letters still open, as the stuck-flow rule reads them. */
  async open(em: EntityManager): Promise<OpenDeadLetter[]> {
    const rows = (await em.query(
      `SELECT id, youth_ref, status, received_at FROM dead_letter WHERE status = 'open'`,
    )) as Row[];
    return rows.map((r) => ({
      id: r.id,
      youthRef: r.youth_ref,
      status: r.status,
      receivedAt: new Date(r.received_at),
    }));
  }

  private async audit(
    em: EntityManager,
    id: string,
    action: 'replay' | 'resolve',
    actor: DeadLetterActor,
    target: string | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO dead_letter_action (dead_letter_id, action, actor, actor_role, target_topic) VALUES ($1, $2, $3, $4, $5)`,
      [id, action, actor.sub, actor.role, target],
    );
  }
}

function view(r: Row): DeadLetterView {
  return {
    id: r.id,
    topic: r.topic,
    partition: r.partition,
    offset: String(r.offset),
    originalTopic: r.original_topic,
    originalPartition: r.original_partition,
    originalOffset: r.original_offset === null ? null : String(r.original_offset),
    reasonCategory: reasonCategory(r.reason),
    reason: redactReason(r.reason),
    consumer: r.consumer,
    deadLetteredAt: r.dead_lettered_at ? new Date(r.dead_lettered_at).toISOString() : null,
    receivedAt: new Date(r.received_at).toISOString(),
    eventId: r.event_id,
    type: r.type,
    youthRef: r.youth_ref,
    status: r.status,
    replayCount: r.replay_count,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    hasNote: r.has_note,
    redacted: r.redacted === true,
    replayable: r.replayable === true,
    copyExpiredAt: r.copy_expired_at ? new Date(r.copy_expired_at).toISOString() : null,
  };
}
