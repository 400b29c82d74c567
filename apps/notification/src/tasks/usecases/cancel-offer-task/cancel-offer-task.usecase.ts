import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { cancellation, decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { taskSourceKey } from '../../task-sources';
import { TasksRepository } from '../../tasks.repository';
import type { CancelOfferTaskCommand } from './cancel-offer-task.command';

/**
 * An offer that will not be taken up cancels its task with the reason. A task already done or
 * cancelled stays as it is, and an offer without a task is no error.
 */
@Injectable()
export class CancelOfferTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    private readonly clock: Clock,
  ) {}

  async execute(command: CancelOfferTaskCommand, uow: UnitOfWork): Promise<void> {
    const task = await this.tasks.findForUpdate(uow.em, {
      sourceKey: taskSourceKey.bridgingOffer(command.offerId),
    });
    if (!task || decide('cancel', task.status) !== 'apply') return;
    Object.assign(task, cancellation(command.reason, this.clock.now()));
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'cancelled', command.reason);
  }
}
