import { Controller } from '@nestjs/common';
import {
  ACTIVITY_EVENT_TYPES,
  type ActivityData,
  type CloudEvent,
  type PlacementData,
} from '@samenspel/contracts';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { BridgingRepository } from '../shared/bridging.repository';
import type { Tx } from '../shared/transaction';
import { ExpireOffer, ExpireOfferCommand } from '../offers/usecases/expire-offer/expire-offer.usecase';
import { RematchQueue, RematchQueueCommand } from './usecases/rematch-queue/rematch-queue.usecase';

const txOf = (ctx: EventContext): Tx => ({ em: ctx.em, publish: (events) => ctx.publish(events) });

/**
 * The activity service's events that matter to bridging: a lapsed hold expires its offer, and any
 * freed seat or newly opened activity wakes the queue of its municipality. No polling.
 */
@Controller()
export class ActivityEventsController {
  constructor(
    private readonly expireOffer: ExpireOffer,
    private readonly rematchQueue: RematchQueue,
  ) {}

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.placementReleased)
  async released(@Payload() event: CloudEvent<PlacementData>, @Ctx() ctx: EventContext): Promise<void> {
    const d = event.data;
    // Only a lapse expires an offer here; a decline or withdrawal was recorded by us before.
    if (d.reason === 'expired' && d.reference) {
      await this.expireOffer.execute(new ExpireOfferCommand(d.reference), txOf(ctx));
    }
    await this.rematchQueue.execute(new RematchQueueCommand(d.available, d.activityId), txOf(ctx));
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.placementCancelled)
  async cancelled(@Payload() event: CloudEvent<PlacementData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.rematchQueue.execute(
      new RematchQueueCommand(event.data.available, event.data.activityId),
      txOf(ctx),
    );
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.placementCompleted)
  async completed(@Payload() event: CloudEvent<PlacementData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.rematchQueue.execute(
      new RematchQueueCommand(event.data.available, event.data.activityId),
      txOf(ctx),
    );
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.activityPublished)
  async published(@Payload() event: CloudEvent<ActivityData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.activityChanged(event.data, ctx);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.activityUpdated)
  async updated(@Payload() event: CloudEvent<ActivityData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.activityChanged(event.data, ctx);
  }

  private async activityChanged(d: ActivityData, ctx: EventContext): Promise<void> {
    await BridgingRepository.in(ctx.em).upsertActivity({
      activityId: d.activityId,
      teamId: d.teamId,
      title: d.title,
      municipalityCode: d.municipalityCode,
    });
    if (d.status === 'open') {
      await this.rematchQueue.execute(
        new RematchQueueCommand(d.available, d.activityId, d.municipalityCode),
        txOf(ctx),
      );
    }
  }
}
