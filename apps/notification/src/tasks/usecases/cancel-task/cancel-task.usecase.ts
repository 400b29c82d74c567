import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { TaskNotCancellable } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { cancellation, decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TasksRepository } from '../../tasks.repository';
import { toTaskView, type TaskView } from '../../dto/task.view';
import { lockVisibleTask } from '../../team-access';
import type { CancelTaskCommand } from './cancel-task.command';

/** Cancels a task with a reason code; cancelling it again changes nothing. */
@Injectable()
export class CancelTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    private readonly clock: Clock,
  ) {}

  async execute(command: CancelTaskCommand, uow: UnitOfWork): Promise<TaskView> {
    const task = await lockVisibleTask(this.tasks, uow.em, command.principal, command.taskId);
    const decision = decide('cancel', task.status);
    if (decision === 'conflict') throw new TaskNotCancellable(task.status);
    if (decision === 'noop') return toTaskView(task);
    Object.assign(task, cancellation(command.reason, this.clock.now()));
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'cancelled', command.reason);
    return toTaskView(saved);
  }
}
