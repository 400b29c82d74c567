import { Injectable } from '@nestjs/common';
import {
  erasedMarker,
  erasedMarkerSql,
  notErasedSql,
  retentionCutoff,
  rowsAffected,
  type ErasureCounts,
  type RetentionAnonymiser,
  type RetentionPolicy,
  type YouthDataEraser,
} from '@samenspel/erasure';
import type { EntityManager } from 'typeorm';

/** The reason recorded on a hold released by an erasure. */
export const ERASED = 'erased';

/**
 * Erasure in the activity service. The seat counters on the activity rows and the attendance
 * figures depend on placement rows, so placements are anonymised, not deleted: the youthRef becomes
 * a random marker. A hold still open is released (its offer cannot be answered for a youngster we
 * no longer know) and its seat freed, the activity row locked first as every seat writer does; a
 * confirmed placement keeps its seat, since the youngster may still take part. Attendance rows
 * name only the placement, and stay for the attendance figures.
 */
@Injectable()
export class ActivityEraser implements YouthDataEraser {
  readonly youthRefColumns = [{ table: 'placement', column: 'youth_ref' }];

  async erase(em: EntityManager, youthRef: string): Promise<ErasureCounts> {
    const held = (await em.query(
      `SELECT DISTINCT activity_id FROM placement WHERE youth_ref = $1 AND status = 'held' ORDER BY activity_id`,
      [youthRef],
    )) as { activity_id: string }[];
    let released = 0;
    if (held.length > 0) {
      await em.query(`SELECT id FROM activity WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE`, [
        held.map((h) => h.activity_id),
      ]);
      const [rows] = (await em.query(
        `UPDATE placement SET status = 'released', reason = $2, ended_at = now(), expires_at = NULL,
           updated_at = now() WHERE youth_ref = $1 AND status = 'held' RETURNING activity_id`,
        [youthRef, ERASED],
      )) as [{ activity_id: string }[], number];
      released = rows.length;
      await em.query(
        `UPDATE activity a SET held = a.held - c.n, updated_at = now()
           FROM (SELECT activity_id, count(*)::int AS n FROM unnest($1::uuid[]) AS activity_id GROUP BY activity_id) c
          WHERE a.id = c.activity_id`,
        [rows.map((r) => r.activity_id)],
      );
    }
    const placements = await rowsAffected(
      em,
      `UPDATE placement SET youth_ref = $2, updated_at = now() WHERE youth_ref = $1`,
      [youthRef, erasedMarker()],
    );
    return { placement: placements, placement_hold_released: released };
  }
}

/**
 * Retention of placements that ended (released, cancelled, completed) longer than
 * RETENTION_PLACEMENT ago: the youthRef becomes a random marker per placement; the rows and their
 * attendance stay for the figures.
 */
@Injectable()
export class ActivityRetention implements RetentionAnonymiser {
  async anonymiseExpired(em: EntityManager, now: Date, policy: RetentionPolicy): Promise<ErasureCounts> {
    const cutoff = retentionCutoff(now, policy.placement);
    const placements = await rowsAffected(
      em,
      `UPDATE placement SET youth_ref = ${erasedMarkerSql('id::text')}
          WHERE status IN ('released', 'cancelled', 'completed') AND ended_at < $1
            AND ${notErasedSql('youth_ref')}`,
      [cutoff],
    );
    return { placement: placements };
  }
}
