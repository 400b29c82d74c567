import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { completion, decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TasksRepository } from '../../tasks.repository';
import type { CompleteSourcedTaskCommand } from './complete-sourced-task.command';

/**
 * The fact a task was about happened where it is owned (an offer accepted, a warm handover's
 * outcome recorded): its task completes with the outcome, naming nobody. A task already done or
 * cancelled stays as it is, and a fact without a task (its event never reached this service) is no
 * error.
 */
@Injectable()
export class CompleteSourcedTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    private readonly clock: Clock,
  ) {}

  async execute(command: CompleteSourcedTaskCommand, uow: UnitOfWork): Promise<void> {
    const task = await this.tasks.findForUpdate(uow.em, { sourceKey: command.sourceKey });
    if (!task || decide('complete', task.status) !== 'apply') return;
    Object.assign(task, completion(task, { outcome: command.outcome, by: null, at: this.clock.now() }));
    if (command.context) task.context = { ...task.context, ...command.context };
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'completed');
  }
}
