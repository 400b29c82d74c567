import { Injectable } from '@nestjs/common';
import { TaskNotClaimable } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import { DataSource } from 'typeorm';
import { decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { TaskRepository } from '../../task.repository';
import { toTaskView, type TaskView } from '../../task.view';
import { assertTaskVisible } from '../../team-access';

export class ClaimTaskCommand {
  constructor(
    readonly taskId: string,
    readonly principal: Principal,
  ) {}
}

@Injectable()
export class ClaimTask {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: TaskAnnouncer,
  ) {}

  execute(command: ClaimTaskCommand): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      const tasks = new TaskRepository(em);
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
      await this.announcer.announce(em, saved, 'claimed');
      return toTaskView(saved);
    });
  }
}
