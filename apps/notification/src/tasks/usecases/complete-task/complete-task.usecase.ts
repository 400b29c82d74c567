import { Injectable } from '@nestjs/common';
import {
  NotAFollowUpStep,
  OutcomeReasonInvalid,
  TaskNotCompletable,
  UnknownOutcome,
} from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { completion, decide, outcomeReasonFor, outcomesFor } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TasksRepository } from '../../tasks.repository';
import { toTaskView, type TaskView } from '../../dto/task.view';
import { lockVisibleTask } from '../../team-access';
import type { CompleteTaskCommand } from './complete-task.command';

/**
 * Marks a task done with an outcome its type knows. The same worker completing it again with the
 * same outcome changes nothing; anyone else finds it ended and hears how (409). A bridging-offer
 * task completed as declined announces its reason on task.completed, which declines the offer in
 * waitlist-bridging. A follow-up step may carry the youngster's own view: it goes on task.completed
 * only, for the figures, and is not kept here.
 */
@Injectable()
export class CompleteTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    private readonly clock: Clock,
  ) {}

  async execute(command: CompleteTaskCommand, uow: UnitOfWork): Promise<TaskView> {
    const task = await lockVisibleTask(this.tasks, uow.em, command.principal, command.taskId);
    const allowed = outcomesFor(task.type);
    if (!allowed.includes(command.outcome)) throw new UnknownOutcome(task.type, allowed);
    const reason = outcomeReasonFor(task.type, command.outcome, command.reason);
    if (!reason.ok) throw new OutcomeReasonInvalid(reason.allowed);
    if (command.youthVoice && task.type !== 'follow-up') throw new NotAFollowUpStep(task.type);
    const decision = decide('complete', task.status, {
      caller: command.principal.sub,
      completion: { completedBy: task.completedBy, outcome: task.outcome, requested: command.outcome },
    });
    if (decision === 'conflict') throw new TaskNotCompletable(task.status, task.outcome);
    if (decision === 'noop') return toTaskView(task);
    Object.assign(
      task,
      completion(task, {
        outcome: command.outcome,
        by: command.principal.sub,
        note: command.note,
        reason: reason.reason,
        at: this.clock.now(),
      }),
    );
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'completed', undefined, command.youthVoice);
    return toTaskView(saved);
  }
}
