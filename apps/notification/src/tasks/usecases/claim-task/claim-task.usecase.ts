import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { TaskNotClaimable } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TasksRepository } from '../../tasks.repository';
import { toTaskView, type TaskView } from '../../dto/task.view';
import { lockVisibleTask } from '../../team-access';
import type { ClaimTaskCommand } from './claim-task.command';

/** Makes the caller the task's assignee; the assignee claiming again changes nothing. */
@Injectable()
export class ClaimTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    private readonly clock: Clock,
  ) {}

  async execute(command: ClaimTaskCommand, uow: UnitOfWork): Promise<TaskView> {
    const task = await lockVisibleTask(this.tasks, uow.em, command.principal, command.taskId);
    const decision = decide('claim', task.status, {
      assignee: task.assignee,
      caller: command.principal.sub,
    });
    if (decision === 'conflict') throw new TaskNotClaimable(task.status);
    if (decision === 'noop') return toTaskView(task);
    task.status = 'claimed';
    task.assignee = command.principal.sub;
    task.claimedAt = this.clock.now();
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'claimed');
    return toTaskView(saved);
  }
}
