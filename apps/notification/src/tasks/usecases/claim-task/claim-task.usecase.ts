import { Injectable } from '@nestjs/common';
import { TaskNotClaimable } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TaskRepository } from '../../task.repository';
import { toTaskView, type TaskView } from '../../task.view';
import { assertTaskVisible } from '../../team-access';
import type { ClaimTaskCommand } from './claim-task.command';

/** Makes the caller the task's assignee; the assignee claiming again changes nothing. */
@Injectable()
export class ClaimTask {
  constructor(private readonly announcer: TaskAnnouncer) {}

  async execute(command: ClaimTaskCommand, uow: UnitOfWork): Promise<TaskView> {
    const tasks = new TaskRepository(uow.em);
    const task = assertTaskVisible(
      command.principal,
      await tasks.findForUpdate({ id: command.taskId }),
      command.taskId,
    );
    const decision = decide('claim', task.status, {
      assignee: task.assignee,
      caller: command.principal.sub,
    });
    if (decision === 'conflict') throw new TaskNotClaimable(task.status);
    if (decision === 'noop') return toTaskView(task);
    task.status = 'claimed';
    task.assignee = command.principal.sub;
    task.claimedAt = new Date();
    const saved = await tasks.save(task);
    await this.announcer.announce(uow, saved, 'claimed');
    return toTaskView(saved);
  }
}
