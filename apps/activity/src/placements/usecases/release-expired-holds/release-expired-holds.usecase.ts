import { Injectable } from '@nestjs/common';
import type { NewEvent, UnitOfWork } from '@samenspel/messaging';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { availableSeats } from '../../../domain/capacity';
import { placementEvent } from '../../placement.events';
import { PlacementsRepository } from '../../placements.repository';
import type { ReleaseExpiredHoldsCommand } from './release-expired-holds.command';

/** The reason of a placement.released event sent by the sweeper: the bridging service expires its offer on it. */
export const EXPIRED = 'expired';

/** The expired holds of one activity that one unit of work released. */
export interface ExpiredHoldsReleased {
  activityId: string;
  released: number;
}

/**
 * Releases expired holds of one activity: the first, by id, that has any and whose row nobody else
 * holds (another sweeper, or a hold in progress, makes it skip to the next). Its expired holds are
 * locked and re-checked (`status = 'held'`) on the locked rows, so no hold is ever released twice;
 * each becomes `released` (reason `expired`), frees its seat and sends its event. Nothing to release
 * anywhere: undefined.
 */
@Injectable()
export class ReleaseExpiredHolds {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
  ) {}

  async execute(
    { limit }: ReleaseExpiredHoldsCommand,
    uow: UnitOfWork,
  ): Promise<ExpiredHoldsReleased | undefined> {
    const activityId = await this.activities.lockOneWithExpiredHolds(uow.em);
    if (!activityId) return undefined;
    const holds = await this.placements.lockExpiredHolds(uow.em, activityId, limit);
    const events: NewEvent[] = [];
    for (const hold of holds) {
      const released = await this.placements.setStatus(uow.em, hold.id, 'released', EXPIRED);
      const activity = await this.activities.adjustSeats(uow.em, activityId, -1, 0);
      events.push(placementEvent(released, availableSeats(activity)));
    }
    await uow.publish(events);
    return { activityId, released: holds.length };
  }
}
