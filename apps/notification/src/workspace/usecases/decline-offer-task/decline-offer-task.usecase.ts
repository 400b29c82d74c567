import { Injectable } from '@nestjs/common';
import { NotAnOfferTask } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import type { TaskView } from '../../../tasks/dto/task.view';
import { TasksRepository } from '../../../tasks/tasks.repository';
import { assertTaskVisible } from '../../../tasks/team-access';
import { CompleteTaskCommand } from '../../../tasks/usecases/complete-task/complete-task.command';
import { CompleteTask } from '../../../tasks/usecases/complete-task/complete-task.usecase';
import type { DeclineOfferTaskCommand } from './decline-offer-task.command';

/**
 * The youngster said no: the offer's task is completed as declined with the reason, and its
 * task.completed declines the offer in bridging (docs/notification.md, Declining an offer).
 */
@Injectable()
export class DeclineOfferTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly completeTask: CompleteTask,
  ) {}

  async execute(command: DeclineOfferTaskCommand, uow: UnitOfWork): Promise<TaskView> {
    const { principal, taskId, reason } = command;
    const task = assertTaskVisible(principal, await this.tasks.findById(uow.em, taskId));
    if (task.type !== 'bridging-offer') throw new NotAnOfferTask(task.type);
    return this.completeTask.execute(
      new CompleteTaskCommand({ principal, taskId, outcome: 'declined', reason }),
      uow,
    );
  }
}
