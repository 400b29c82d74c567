import { Controller } from '@nestjs/common';
import {
  ACTIVITY_EVENT_TYPES,
  type ActivityData,
  type CloudEvent,
  type PlacementData,
} from '@samenspel/contracts';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnCloudEvent, type EventContext } from '@samenspel/messaging';
import { KnownActivitiesRepository } from '../activity-catalog/known-activities.repository';
import { ExpireOfferCommand } from '../offers/usecases/expire-offer/expire-offer.command';
import { ExpireOffer } from '../offers/usecases/expire-offer/expire-offer.usecase';
import { RematchQueueCommand } from './usecases/rematch-queue/rematch-queue.command';
import { RematchQueue } from './usecases/rematch-queue/rematch-queue.usecase';

/**
 * The activity service's events that matter to bridging: a lapsed hold expires its offer, and any
 * freed seat or newly opened activity wakes the queue of its municipality. No polling.
 */
@Controller()
export class ActivityEventsController {
  constructor(
    private readonly expireOffer: ExpireOffer,
    private readonly rematchQueue: RematchQueue,
    private readonly activities: KnownActivitiesRepository,
  ) {}

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.placementReleased)
  async released(@Payload() event: CloudEvent<PlacementData>, @Ctx() ctx: EventContext): Promise<void> {
    const d = event.data;
    // Only a lapse expires an offer here; a decline or withdrawal was recorded by us before.
    if (d.reason === 'expired' && d.reference) {
      await this.expireOffer.execute(new ExpireOfferCommand({ offerId: d.reference }), ctx);
    }
    await this.seatsFreed(d, ctx);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.placementCancelled)
  async cancelled(@Payload() event: CloudEvent<PlacementData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.seatsFreed(event.data, ctx);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.placementCompleted)
  async completed(@Payload() event: CloudEvent<PlacementData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.seatsFreed(event.data, ctx);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.activityPublished)
  async published(@Payload() event: CloudEvent<ActivityData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.activityChanged(event.data, ctx);
  }

  @OnCloudEvent(ACTIVITY_EVENT_TYPES.activityUpdated)
  async updated(@Payload() event: CloudEvent<ActivityData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.activityChanged(event.data, ctx);
  }

  private async seatsFreed(d: PlacementData, ctx: EventContext): Promise<void> {
    const command = new RematchQueueCommand({ freedSeats: d.available, activityId: d.activityId });
    await this.rematchQueue.execute(command, ctx);
  }

  private async activityChanged(d: ActivityData, ctx: EventContext): Promise<void> {
    await this.activities.upsert(ctx.em, {
      activityId: d.activityId,
      teamId: d.teamId,
      title: d.title,
      municipalityCode: d.municipalityCode,
    });
    if (d.status === 'open') {
      const command = new RematchQueueCommand({
        freedSeats: d.available,
        activityId: d.activityId,
        municipalityCode: d.municipalityCode,
      });
      await this.rematchQueue.execute(command, ctx);
    }
  }
}
