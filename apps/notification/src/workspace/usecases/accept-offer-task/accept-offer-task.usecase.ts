import { Injectable } from '@nestjs/common';
import { NotAnOfferTask, TaskNotCompletable } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { TasksRepository } from '../../../tasks/tasks.repository';
import { assertTaskVisible } from '../../../tasks/team-access';
import { OwnerRefusedError, OwningServicesPort } from '../../owning-services.port';
import type { AcceptedOffer } from '../../dto/workspace.dto';
import type { AcceptOfferTaskCommand } from './accept-offer-task.command';

/**
 * The youngster said yes: bridging accepts the offer as the worker (its rules and audit apply),
 * which confirms the held seat in the activity service; `bridging.accepted` then completes the task,
 * as an acceptance made anywhere does. Accepting an accepted offer again changes nothing.
 */
@Injectable()
export class AcceptOfferTask {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly owners: OwningServicesPort,
  ) {}

  async execute(command: AcceptOfferTaskCommand, uow: UnitOfWork): Promise<AcceptedOffer> {
    const task = assertTaskVisible(command.principal, await this.tasks.findById(uow.em, command.taskId));
    if (task.type !== 'bridging-offer' || !task.offerId) throw new NotAnOfferTask(task.type);
    const accepted: AcceptedOffer = {
      taskId: task.id,
      youthRef: task.youthRef,
      offerId: task.offerId,
      status: 'accepted',
    };
    if (task.status === 'done' && task.outcome === 'accepted') return accepted;
    if (task.status === 'done' || task.status === 'cancelled') {
      throw new TaskNotCompletable(task.status, task.outcome);
    }
    try {
      await this.owners.send('waitlist-bridging', {
        method: 'POST',
        path: `/api/v1/offers/${encodeURIComponent(task.offerId)}/accept`,
        bearerToken: command.bearerToken,
      });
    } catch (error) {
      // Accepted a moment ago, before its event reached the task: a repeated click.
      if (error instanceof OwnerRefusedError && error.extensions.currentState === 'accepted') return accepted;
      throw error;
    }
    return accepted;
  }
}
