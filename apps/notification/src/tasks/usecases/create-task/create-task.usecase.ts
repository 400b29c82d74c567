import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { priorityFor } from '../../../domain/due-dates';
import { TaskAnnouncer } from '../../task-announcer';
import type { TaskEntity } from '../../task.entity';
import { TaskRepository, type NewTask } from '../../task.repository';

export class CreateTaskCommand {
  constructor(
    readonly task: Omit<NewTask, 'priority'>,
    readonly now: Date = new Date(),
  ) {}
}

/** Creates a task once per source key and announces it; a repeat of the same source does nothing. */
@Injectable()
export class CreateTask {
  constructor(private readonly announcer: TaskAnnouncer) {}

  async execute(command: CreateTaskCommand, em: EntityManager): Promise<TaskEntity | null> {
    const priority = priorityFor(command.now, command.task.dueAt);
    const created = await new TaskRepository(em).insertOnce({ ...command.task, priority });
    if (created) await this.announcer.announce(em, created, 'created');
    return created;
  }
}
