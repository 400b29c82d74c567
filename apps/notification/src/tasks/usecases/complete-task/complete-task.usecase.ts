import { Injectable } from '@nestjs/common';
import { TaskNotCompletable, UnknownOutcome } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { completion, decide, outcomesFor } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TasksRepository } from '../../tasks.repository';
import { toTaskView, type TaskView } from '../../dto/task.view';
import { lockVisibleTask } from '../../team-access';
import type { CompleteTaskCommand } from './complete-task.command';

/** Marks a task done with an outcome its type knows; completing it again changes nothing. */
@Injectable()
export class CompleteTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
  ) {}

  async execute(command: CompleteTaskCommand, uow: UnitOfWork): Promise<TaskView> {
    const task = await lockVisibleTask(this.tasks, uow.em, command.principal, command.taskId);
    const allowed = outcomesFor(task.type);
    if (!allowed.includes(command.outcome)) throw new UnknownOutcome(task.type, allowed);
    const decision = decide('complete', task.status);
    if (decision === 'conflict') throw new TaskNotCompletable(task.status);
    if (decision === 'noop') return toTaskView(task);
    Object.assign(
      task,
      completion(task, {
        outcome: command.outcome,
        by: command.principal.sub,
        note: command.note,
        at: new Date(),
      }),
    );
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'completed');
    return toTaskView(saved);
  }
}
