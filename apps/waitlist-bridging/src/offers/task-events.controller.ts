import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { TASK_EVENT_TYPES, type CloudEvent, type TaskEventData } from '@samenspel/contracts';
import { SERVICE_LOGGER } from '@samenspel/http';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { DeclineOfferOfTaskCommand } from './usecases/decline-offer-of-task/decline-offer-of-task.command';
import { DeclineOfferOfTask } from './usecases/decline-offer-of-task/decline-offer-of-task.usecase';

/**
 * The team's decisions on offers made in its task list (notification, samenspel.task.v1): a
 * bridging-offer task completed as declined declines its offer. Every other task event is not ours.
 */
@Controller()
export class TaskEventsController {
  constructor(
    private readonly declineOfferOfTask: DeclineOfferOfTask,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @OnCloudEvent(TASK_EVENT_TYPES.completed)
  async completed(@Payload() event: CloudEvent<TaskEventData>, @Ctx() ctx: EventContext): Promise<void> {
    const d = event.data;
    if (d.type !== 'bridging-offer' || d.outcome !== 'declined' || !d.offerId || !d.reason) return;
    const command = new DeclineOfferOfTaskCommand({ offerId: d.offerId, teamId: d.teamId, reason: d.reason });
    const outcome = await this.declineOfferOfTask.execute(command, ctx);
    this.logger.info({ eventId: event.id, offerId: d.offerId, outcome }, 'offer task declined');
  }
}
