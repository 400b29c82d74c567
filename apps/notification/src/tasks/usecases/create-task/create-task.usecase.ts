import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { priorityFor } from '../../../domain/due-dates';
import { TaskAnnouncer } from '../../task-announcer';
import type { TaskEntity } from '../../task.entity';
import { TasksRepository } from '../../tasks.repository';
import type { CreateTaskCommand } from './create-task.command';

/** Creates a task once per source key and announces it; a repeat of the same source does nothing. */
@Injectable()
export class CreateTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
  ) {}

  async execute(command: CreateTaskCommand, uow: UnitOfWork): Promise<TaskEntity | null> {
    const { now, ...task } = command;
    const created = await this.tasks.insertOnce(uow.em, {
      ...task,
      priority: priorityFor(now, task.dueAt),
    });
    if (created) await this.announcer.announce(uow, created, 'created');
    return created;
  }
}
