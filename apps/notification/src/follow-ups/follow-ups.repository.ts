import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ScheduledStepRow {
  id: string;
  referral_id: string;
  step: string;
  team_id: string;
  youth_ref: string;
  municipality_code: string | null;
  run_at: Date;
  due_working_days: number;
}

export type NewScheduledStep = Omit<ScheduledStepRow, 'id'>;

/** The steps of follow-up plans, as rows in `scheduled_step`; all in the caller's transaction. */
@Injectable()
export class FollowUpsRepository {
  /** Schedules a step unless its referral has it already. */
  async schedule(em: EntityManager, step: NewScheduledStep): Promise<void> {
    await em.query(
      `INSERT INTO scheduled_step (referral_id, step, team_id, youth_ref, municipality_code, run_at, due_working_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (referral_id, step) DO NOTHING`,
      [
        step.referral_id,
        step.step,
        step.team_id,
        step.youth_ref,
        step.municipality_code,
        step.run_at,
        step.due_working_days,
      ],
    );
  }

  /** Pending steps due at `now`, locked: another instance skips them instead of taking them twice. */
  claimDue(em: EntityManager, now: Date, limit: number): Promise<ScheduledStepRow[]> {
    return em.query(
      `SELECT * FROM scheduled_step WHERE status = 'pending' AND run_at <= $1
        ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Marks a step done with its task: the one just created, else the one its source key made before. */
  async markDone(em: EntityManager, id: string, taskId: string | null, sourceKey: string): Promise<void> {
    await em.query(
      `UPDATE scheduled_step SET status = 'done', done_at = now(),
              task_id = COALESCE($2::uuid, (SELECT id FROM task WHERE source_key = $3))
        WHERE id = $1`,
      [id, taskId, sourceKey],
    );
  }
}
