import { Injectable } from '@nestjs/common';
import { youthRefDigest } from '@samenspel/erasure';
import type { EntityManager } from 'typeorm';
import { ERASING_SERVICES, erasureProgress } from '../domain/erasure-progress';
import type { ErasureRequestRecord } from './erasure-request.entity';

interface RequestRow {
  id: string;
  youth_ref: string | null;
  origin: 'admin-api' | 'event';
  reason: string | null;
  requested_by: string | null;
  requested_at: Date;
  received_at: Date;
  completed_at: Date | null;
}

/** Erasure requests and confirmations; every method runs in the caller's transaction or manager. */
@Injectable()
export class ErasuresRepository {
  /** Records a request once (the admin API writes it before the event; the monitor sees it again). */
  async insertRequest(
    em: EntityManager,
    r: {
      id: string;
      youthRef: string;
      origin: 'admin-api' | 'event';
      reason?: string | null;
      requestedBy?: string | null;
      requestedAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO erasure_request (id, youth_ref, origin, reason, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [r.id, r.youthRef, r.origin, r.reason ?? null, r.requestedBy ?? null, r.requestedAt],
    );
  }

  /** Confirmations that arrived before the request are now the request's (and drop their digest). */
  async adoptWaitingConfirmations(em: EntityManager, requestId: string, youthRef: string): Promise<void> {
    const digest = youthRefDigest(youthRef);
    await em.query(
      `INSERT INTO erasure_confirmation (request_id, service, erased_at)
       SELECT $1, service, min(erased_at) FROM erasure_confirmation
        WHERE request_id IS NULL AND youth_ref_digest = $2 GROUP BY service
       ON CONFLICT (request_id, service) WHERE request_id IS NOT NULL DO NOTHING`,
      [requestId, digest],
    );
    await em.query(`DELETE FROM erasure_confirmation WHERE request_id IS NULL AND youth_ref_digest = $1`, [
      digest,
    ]);
  }

  /**
   * Counts a service's confirmation for every open request of the youngster; with none open (the
   * request is not seen yet, or a late repeat) it waits under the youthRef's digest. Returns the
   * open requests' ids.
   */
  async confirm(em: EntityManager, youthRef: string, service: string, erasedAt: Date): Promise<string[]> {
    const open = (await em.query(
      `SELECT id FROM erasure_request WHERE youth_ref = $1 AND completed_at IS NULL FOR UPDATE`,
      [youthRef],
    )) as { id: string }[];
    if (open.length === 0) {
      await em.query(
        `INSERT INTO erasure_confirmation (youth_ref_digest, service, erased_at) VALUES ($1, $2, $3)`,
        [youthRefDigest(youthRef), service, erasedAt],
      );
      return [];
    }
    for (const { id } of open) {
      await em.query(
        `INSERT INTO erasure_confirmation (request_id, service, erased_at) VALUES ($1, $2, $3)
         ON CONFLICT (request_id, service) WHERE request_id IS NOT NULL DO NOTHING`,
        [id, service, erasedAt],
      );
    }
    return open.map((r) => r.id);
  }

  /** Marks the request complete and forgets its youthRef, once every service confirmed. */
  async completeIfConfirmed(em: EntityManager, requestId: string): Promise<boolean> {
    const rows = (await em.query(`SELECT DISTINCT service FROM erasure_confirmation WHERE request_id = $1`, [
      requestId,
    ])) as { service: string }[];
    if (!erasureProgress(rows.map((r) => r.service)).complete) return false;
    const [, changed] = (await em.query(
      `UPDATE erasure_request SET completed_at = now(), youth_ref = NULL WHERE id = $1 AND completed_at IS NULL`,
      [requestId],
    )) as [unknown, number];
    return changed === 1;
  }

  async find(em: EntityManager, id: string): Promise<ErasureRequestRecord | undefined> {
    const rows = (await em.query(`SELECT * FROM erasure_request WHERE id = $1`, [id])) as RequestRow[];
    return rows.length ? (await this.withConfirmations(em, rows))[0] : undefined;
  }

  async list(
    em: EntityManager,
    page: { limit: number; offset: number },
  ): Promise<{ items: ErasureRequestRecord[]; total: number }> {
    const [{ total }] = (await em.query(`SELECT count(*)::int AS total FROM erasure_request`)) as [
      { total: number },
    ];
    const rows = (await em.query(
      `SELECT * FROM erasure_request ORDER BY received_at DESC, id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    )) as RequestRow[];
    return { items: await this.withConfirmations(em, rows), total };
  }

  private async withConfirmations(em: EntityManager, rows: RequestRow[]): Promise<ErasureRequestRecord[]> {
    if (rows.length === 0) return [];
    const confirmations = (await em.query(
      `SELECT request_id, service, erased_at FROM erasure_confirmation
        WHERE request_id = ANY ($1::uuid[]) AND service = ANY ($2::text[]) ORDER BY erased_at`,
      [rows.map((r) => r.id), ERASING_SERVICES],
    )) as { request_id: string; service: string; erased_at: Date }[];
    return rows.map((r) => {
      const own = confirmations.filter((c) => c.request_id === r.id);
      return {
        id: r.id,
        youthRef: r.youth_ref,
        origin: r.origin,
        reason: r.reason,
        requestedBy: r.requested_by,
        requestedAt: r.requested_at,
        receivedAt: r.received_at,
        completedAt: r.completed_at,
        confirmations: own.map((c) => ({ service: c.service, erasedAt: c.erased_at })),
        ...erasureProgress(own.map((c) => c.service)),
      };
    });
  }
}
