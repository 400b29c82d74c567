import { Inject, Injectable } from '@nestjs/common';
import { UnitsOfWork } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { addWorkingDays } from '@samenspel/calendar';
import { expandPlan, parseFollowUpPlans, planFor, type FollowUpPlans } from '../domain/follow-up-plan';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { taskSourceKey } from '../tasks/task-sources';
import { CreateTaskCommand } from '../tasks/usecases/create-task/create-task.command';
import { CreateTask } from '../tasks/usecases/create-task/create-task.usecase';

interface DueStepRow {
  id: string;
  referral_id: string;
  step: string;
  team_id: string;
  youth_ref: string;
  municipality_code: string | null;
  run_at: Date;
  due_working_days: number;
}

/**
 * The follow-up plan after a handover, as rows in `scheduled_step`. A tick claims due rows with
 * FOR UPDATE SKIP LOCKED and, in the same transaction, creates each step's task and marks the row
 * done: a crash before commit leaves the row pending for the next tick (or the next instance), and
 * two instances never take the same row. The task's unique source key is a second guard.
 */
@Injectable()
export class FollowUpScheduler {
  private readonly plans: FollowUpPlans;

  constructor(
    private readonly units: UnitsOfWork,
    private readonly createTask: CreateTask,
    @Inject(NOTIFICATION_CONFIG) config: NotificationConfig,
  ) {
    this.plans = parseFollowUpPlans(config.FOLLOW_UP_PLANS);
  }

  /** Schedules every step of the municipality's plan; a repeated handover schedules nothing new. */
  async startPlan(
    em: EntityManager,
    plan: { referralId: string; teamId: string; youthRef: string; municipalityCode?: string; start: Date },
  ): Promise<void> {
    for (const step of expandPlan(planFor(this.plans, plan.municipalityCode), plan.start)) {
      await em.query(
        `INSERT INTO scheduled_step (referral_id, step, team_id, youth_ref, municipality_code, run_at, due_working_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (referral_id, step) DO NOTHING`,
        [
          plan.referralId,
          step.step,
          plan.teamId,
          plan.youthRef,
          plan.municipalityCode ?? null,
          step.runAt,
          step.dueWorkingDays,
        ],
      );
    }
  }

  /** Turns due steps into tasks; returns how many it took. */
  runDueSteps(now = new Date(), limit = 50): Promise<number> {
    return this.units.run(async (uow) => {
      const due = (await uow.em.query(
        `SELECT * FROM scheduled_step WHERE status = 'pending' AND run_at <= $1
          ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      )) as DueStepRow[];
      for (const row of due) {
        const sourceKey = taskSourceKey.followUp(row.referral_id, row.step);
        const task = await this.createTask.execute(
          new CreateTaskCommand({
            sourceKey,
            teamId: row.team_id,
            type: 'follow-up',
            youthRef: row.youth_ref,
            dueAt: addWorkingDays(new Date(row.run_at), row.due_working_days),
            context: row.municipality_code ? { municipalityCode: row.municipality_code } : {},
            referralId: row.referral_id,
            step: row.step,
            now,
          }),
          uow,
        );
        await uow.em.query(
          `UPDATE scheduled_step SET status = 'done', done_at = now(),
                  task_id = COALESCE($2::uuid, (SELECT id FROM task WHERE source_key = $3))
            WHERE id = $1`,
          [row.id, task?.id ?? null, sourceKey],
        );
      }
      return due.length;
    });
  }
}
