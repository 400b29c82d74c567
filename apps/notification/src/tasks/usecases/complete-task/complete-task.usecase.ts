import { Injectable } from '@nestjs/common';
import { TaskNotCompletable, UnknownOutcome } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import { DataSource, type EntityManager } from 'typeorm';
import { decide, outcomesFor } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import type { TaskEntity } from '../../task.entity';
import { TaskRepository } from '../../task.repository';
import { toTaskView, type TaskView } from '../../task.view';
import { assertTaskVisible } from '../../team-access';

export class CompleteTaskCommand {
  constructor(
    readonly taskId: string,
    readonly principal: Principal,
    readonly outcome: string,
    readonly note?: string,
  ) {}
}

@Injectable()
export class CompleteTask {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: TaskAnnouncer,
  ) {}

  execute(command: CompleteTaskCommand): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      const tasks = new TaskRepository(em);
      const task = assertTaskVisible(
        command.principal,
        await tasks.findForUpdate({ id: command.taskId }),
        command.taskId,
      );
      const allowed = outcomesFor(task.type);
      if (!allowed.includes(command.outcome)) throw new UnknownOutcome(task.type, allowed);
      const decision = decide('complete', task.status);
      if (decision === 'conflict') throw new TaskNotCompletable(task.status);
      if (decision === 'noop') return toTaskView(task);
      const saved = await completeTask(
        em,
        this.announcer,
        task,
        command.outcome,
        command.principal.sub,
        command.note,
      );
      return toTaskView(saved);
    });
  }
}

/** Marks a task done with its outcome and announces it (also used when the source completes it). */
export async function completeTask(
  em: EntityManager,
  announcer: TaskAnnouncer,
  task: TaskEntity,
  outcome: string,
  by: string | null,
  note?: string,
): Promise<TaskEntity> {
  task.status = 'done';
  task.outcome = outcome;
  task.completedAt = new Date();
  if (by && !task.assignee) task.assignee = by;
  if (note !== undefined) task.note = note;
  const saved = await new TaskRepository(em).save(task);
  await announcer.announce(em, saved, 'completed');
  return saved;
}
