import { Injectable } from '@nestjs/common';
import { TaskNotCancellable } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import { DataSource, type EntityManager } from 'typeorm';
import { decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import type { TaskEntity } from '../../task.entity';
import { TaskRepository } from '../../task.repository';
import { toTaskView, type TaskView } from '../../task.view';
import { assertTaskVisible } from '../../team-access';

export class CancelTaskCommand {
  constructor(
    readonly taskId: string,
    readonly principal: Principal,
    readonly reason: string,
  ) {}
}

@Injectable()
export class CancelTask {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: TaskAnnouncer,
  ) {}

  execute(command: CancelTaskCommand): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      const tasks = new TaskRepository(em);
      const task = assertTaskVisible(
        command.principal,
        await tasks.findForUpdate({ id: command.taskId }),
        command.taskId,
      );
      const decision = decide('cancel', task.status);
      if (decision === 'conflict') throw new TaskNotCancellable(task.status);
      if (decision === 'noop') return toTaskView(task);
      return toTaskView(await cancelTask(em, this.announcer, task, command.reason));
    });
  }
}

/** Cancels a task with a reason code and announces it (also used when the source withdraws it). */
export async function cancelTask(
  em: EntityManager,
  announcer: TaskAnnouncer,
  task: TaskEntity,
  reason: string,
): Promise<TaskEntity> {
  task.status = 'cancelled';
  task.cancelReason = reason;
  task.cancelledAt = new Date();
  const saved = await new TaskRepository(em).save(task);
  await announcer.announce(em, saved, 'cancelled', reason);
  return saved;
}
