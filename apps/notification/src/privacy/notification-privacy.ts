import { Injectable } from '@nestjs/common';
import {
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

/**
 * Erasure in the notification service. Tasks, planned follow-up steps, who holds a follow-up, and the webhook and e-mail
 * deliveries about them are work for a team about one youngster; nothing is counted from them
 * (the impact figures live in the ops console), so they are deleted: a team no longer has a task
 * for a youngster who was erased. Deliveries go when their payload names the youngster or one of
 * the deleted tasks, whether delivered, failed or still queued.
 */
@Injectable()
export class NotificationEraser implements YouthDataEraser {
  readonly youthRefColumns = [
    { table: 'task', column: 'youth_ref' },
    { table: 'scheduled_step', column: 'youth_ref' },
    { table: 'follow_up_claim', column: 'youth_ref' },
  ];

  async erase(em: EntityManager, youthRef: string): Promise<ErasureCounts> {
    const tasks = (await em.query(`SELECT id::text AS id FROM task WHERE youth_ref = $1`, [youthRef])) as {
      id: string;
    }[];
    const taskIds = tasks.map((t) => t.id);
    const deliveries = await rowsAffected(
      em,
      `DELETE FROM delivery d WHERE strpos(d.payload::text, $1) > 0
            OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS t(id) WHERE strpos(d.payload::text, t.id) > 0)`,
      [youthRef, taskIds],
    );
    const steps = await rowsAffected(em, `DELETE FROM scheduled_step WHERE youth_ref = $1`, [youthRef]);
    const deleted = await rowsAffected(em, `DELETE FROM task WHERE youth_ref = $1`, [youthRef]);
    const claims = await rowsAffected(em, `DELETE FROM follow_up_claim WHERE youth_ref = $1`, [youthRef]);
    return { task: deleted, scheduled_step: steps, delivery: deliveries, follow_up_claim: claims };
  }
}

/**
 * Retention. Tasks done or cancelled longer than RETENTION_TASK ago lose the youthRef (a random
 * marker), their context and their note; follow-up steps done that long ago are deleted, and so is
 * a follow-up held that long for a youngster the team has no open task or pending step for.
 * Deliveries that were delivered or failed longer than RETENTION_DELIVERY ago are deleted: they
 * are copies of events sent to a team, not a record of their own.
 */
@Injectable()
export class NotificationRetention implements RetentionAnonymiser {
  async anonymiseExpired(em: EntityManager, now: Date, policy: RetentionPolicy): Promise<ErasureCounts> {
    const taskCutoff = retentionCutoff(now, policy.task);
    const deliveryCutoff = retentionCutoff(now, policy.delivery);
    const tasks = await rowsAffected(
      em,
      `UPDATE task SET youth_ref = ${erasedMarkerSql('id::text')},
           context = '{}'::jsonb, note = NULL
          WHERE status IN ('done', 'cancelled') AND coalesce(completed_at, cancelled_at, updated_at) < $1
            AND ${notErasedSql('youth_ref')}`,
      [taskCutoff],
    );
    const steps = await rowsAffected(
      em,
      `DELETE FROM scheduled_step WHERE status = 'done' AND done_at < $1`,
      [taskCutoff],
    );
    // A follow-up held for a youngster the team has no open work for any more goes with its tasks.
    const claims = await rowsAffected(
      em,
      `DELETE FROM follow_up_claim c WHERE c.claimed_at < $1
            AND NOT EXISTS (SELECT 1 FROM task t WHERE t.team_id = c.team_id AND t.youth_ref = c.youth_ref
                              AND t.status IN ('open', 'claimed'))
            AND NOT EXISTS (SELECT 1 FROM scheduled_step s WHERE s.team_id = c.team_id
                              AND s.youth_ref = c.youth_ref AND s.status = 'pending')`,
      [taskCutoff],
    );
    const deliveries = await rowsAffected(
      em,
      `DELETE FROM delivery WHERE status IN ('delivered', 'failed') AND coalesce(delivered_at, created_at) < $1`,
      [deliveryCutoff],
    );
    return { task: tasks, scheduled_step: steps, follow_up_claim: claims, delivery: deliveries };
  }
}
