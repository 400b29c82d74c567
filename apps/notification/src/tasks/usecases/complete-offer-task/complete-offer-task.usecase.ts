import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { completion, decide } from '../../../domain/task-lifecycle';
import { TaskAnnouncer } from '../../task-announcer';
import { taskSourceKey } from '../../task-sources';
import { TasksRepository } from '../../tasks.repository';
import type { CompleteOfferTaskCommand } from './complete-offer-task.command';

/**
 * An accepted offer completes its task with outcome `accepted`. A task already done or cancelled
 * stays as it is, and an offer without a task (its event never reached this service) is no error.
 */
@Injectable()
export class CompleteOfferTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
  ) {}

  async execute(command: CompleteOfferTaskCommand, uow: UnitOfWork): Promise<void> {
    const task = await this.tasks.findForUpdate(uow.em, {
      sourceKey: taskSourceKey.bridgingOffer(command.offerId),
    });
    if (!task || decide('complete', task.status) !== 'apply') return;
    Object.assign(task, completion(task, { outcome: 'accepted', by: null, at: new Date() }));
    const saved = await this.tasks.save(uow.em, task);
    await this.announcer.announce(uow, saved, 'completed');
  }
}
