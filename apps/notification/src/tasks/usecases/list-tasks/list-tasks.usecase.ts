import { Injectable } from '@nestjs/common';
import type { Principal } from '@samenspel/http';
import { DataSource } from 'typeorm';
import type { TaskStatus } from '../../../domain/task-lifecycle';
import { TaskRepository } from '../../task.repository';
import { toTaskView, type TaskPage } from '../../task.view';
import { effectiveTeam, viewFor } from '../../team-access';

export class ListTasksCommand {
  constructor(
    readonly principal: Principal,
    readonly filter: {
      teamId?: string;
      status?: TaskStatus[];
      type?: string;
      dueBefore?: Date;
      limit: number;
      offset: number;
    },
  ) {}
}

@Injectable()
export class ListTasks {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: ListTasksCommand): Promise<TaskPage> {
    const teamId = effectiveTeam(command.principal, command.filter.teamId);
    const { items, total } = await new TaskRepository(this.dataSource.manager).list({
      ...command.filter,
      teamId,
    });
    return {
      items: items.map((task) => viewFor(command.principal, toTaskView(task))),
      total,
      limit: command.filter.limit,
      offset: command.filter.offset,
    };
  }
}
