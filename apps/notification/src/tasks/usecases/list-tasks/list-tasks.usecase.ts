import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { TaskRepository } from '../../task.repository';
import { toTaskView, type TaskPage } from '../../task.view';
import { effectiveTeam, viewFor } from '../../team-access';
import type { ListTasksCommand } from './list-tasks.command';

/** A page of tasks by due date, of the caller's team or the team an operator names. */
@Injectable()
export class ListTasks {
  async execute(command: ListTasksCommand, uow: UnitOfWork): Promise<TaskPage> {
    const { principal, ...filter } = command;
    const teamId = effectiveTeam(principal, filter.teamId);
    const { items, total } = await new TaskRepository(uow.em).list({ ...filter, teamId });
    return {
      items: items.map((task) => viewFor(principal, toTaskView(task))),
      total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }
}
