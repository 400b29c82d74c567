import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { TasksRepository } from '../../tasks.repository';
import { toTaskView, type TaskPage } from '../../dto/task.view';
import { effectiveTeam, viewFor } from '../../team-access';
import type { ListTasksCommand } from './list-tasks.command';

/** A page of tasks by due date, of the caller's team or the team an operator names. */
@Injectable()
export class ListTasks {
  constructor(private readonly tasks: TasksRepository) {}

  async execute(command: ListTasksCommand, uow: UnitOfWork): Promise<TaskPage> {
    const { principal, ...filter } = command;
    const teamId = effectiveTeam(principal, filter.teamId);
    const { items, total } = await this.tasks.list(uow.em, { ...filter, teamId });
    return {
      items: items.map((task) => viewFor(principal, toTaskView(task))),
      total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }
}
