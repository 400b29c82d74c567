import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { addWorkingDays } from '@samenspel/calendar';
import { UnitsOfWork } from '@samenspel/messaging';
import { taskSourceKey } from '../tasks/task-sources';
import { CreateTaskCommand } from '../tasks/usecases/create-task/create-task.command';
import { CreateTask } from '../tasks/usecases/create-task/create-task.usecase';
import { FollowUpClaimsRepository } from './follow-up-claims.repository';
import { FollowUpsRepository } from './follow-ups.repository';

/**
 * The follow-up plan after a handover, as rows in `scheduled_step`. A tick claims due rows with
 * FOR UPDATE SKIP LOCKED and, in the same transaction, creates each step's task and marks the row
 * done: a crash before commit leaves the row pending for the next tick (or the next instance), and
 * two instances never take the same row. The task's unique source key is a second guard. A step of
 * a youngster whose follow-up a worker holds starts claimed by that worker.
 */
@Injectable()
export class FollowUpScheduler {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly followUps: FollowUpsRepository,
    private readonly claims: FollowUpClaimsRepository,
    private readonly createTask: CreateTask,
    private readonly clock: Clock,
  ) {}

  /** Turns due steps into tasks; returns how many it took. */
  runDueSteps(now = this.clock.now(), limit = 50): Promise<number> {
    return this.units.run(async (uow) => {
      const due = await this.followUps.claimDue(uow.em, now, limit);
      for (const row of due) {
        const sourceKey = taskSourceKey.followUp(row.referral_id, row.step);
        // A worker who holds the youngster's follow-up gets the step as theirs.
        const holder = await this.claims.holder(uow.em, row.team_id, row.youth_ref);
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
            ...(holder && { assignee: holder }),
            now,
          }),
          uow,
        );
        await this.followUps.markDone(uow.em, row.id, task?.id ?? null, sourceKey);
      }
      return due.length;
    });
  }
}
