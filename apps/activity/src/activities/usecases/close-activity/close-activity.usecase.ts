import { Injectable } from '@nestjs/common';
import { ReasonRequired } from '@samenspel/contracts';
import type { NewEvent, UnitOfWork } from '@samenspel/messaging';
import { nextActivityStatus } from '../../../domain/activity-status';
import { availableSeats } from '../../../domain/capacity';
import { seatDelta } from '../../../domain/placement-status';
import { placementEvent } from '../../../placements/placement.events';
import { PlacementsRepository } from '../../../placements/placements.repository';
import { ActivitiesRepository } from '../../activities.repository';
import { lockOwnActivity } from '../../own-activity';
import type { Activity } from '../../activity.entity';
import { activityClosedEvent } from '../../activity.events';
import type { CloseActivityCommand } from './close-activity.command';

/** The reason code every placement released by a close carries. */
export const RELEASED_BY_CLOSE = 'activity-closed';

/**
 * Closes an activity for good. With active placements a reason is required; each placement is then
 * released with its own placement.released event, all in one transaction with the close.
 */
@Injectable()
export class CloseActivity {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
  ) {}

  async execute({ principal, activityId, reason }: CloseActivityCommand, uow: UnitOfWork): Promise<Activity> {
    const current = await lockOwnActivity(this.activities, uow.em, principal, activityId);
    const next = nextActivityStatus(current.status, 'close');
    const active = await this.placements.lockActiveOf(uow.em, activityId);
    if (active.length > 0 && !reason) {
      throw new ReasonRequired(
        `Activity ${activityId} has ${active.length} active placement(s): closing it needs a reason`,
        { activePlacements: active.length },
      );
    }
    const events: NewEvent[] = [];
    for (const placement of active) {
      const released = await this.placements.setStatus(uow.em, placement.id, 'released', RELEASED_BY_CLOSE);
      const delta = seatDelta(placement.status, 'released');
      const after = await this.activities.adjustSeats(uow.em, activityId, delta.held, delta.confirmed);
      events.push(placementEvent(released, availableSeats(after)));
    }
    const activity = await this.activities.setStatus(uow.em, activityId, next, reason);
    events.push(activityClosedEvent(activity, reason));
    await uow.publish(events);
    return activity;
  }
}
