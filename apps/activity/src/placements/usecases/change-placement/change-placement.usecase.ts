import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { HoldExpired, PlacementNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { availableSeats } from '../../../domain/capacity';
import { placementTransition, seatDelta } from '../../../domain/placement-status';
import { assertActsForTeam } from '../../../domain/team-scope';
import type { Placement } from '../../placement.entity';
import { placementEvent } from '../../placement.events';
import { PlacementsRepository } from '../../placements.repository';
import type { ChangePlacementCommand } from './change-placement.command';

/**
 * Confirm, release, cancel or complete a placement. Locks the activity row before the placement
 * row (the same order as the hold and the sweeper, so they cannot deadlock), moves the counters and
 * emits the placement's event with the seats free afterwards (and, on complete, the youngster's own
 * view when the worker recorded one). Repeating a command changes nothing.
 */
@Injectable()
export class ChangePlacement {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    { principal, placementId, change, reason, youthVoice }: ChangePlacementCommand,
    uow: UnitOfWork,
  ): Promise<Placement> {
    const found = await this.placements.find(uow.em, placementId);
    if (!found) throw new PlacementNotFound();
    assertActsForTeam(principal, found.teamId, found.youthRef);
    await this.activities.lock(uow.em, found.activityId);
    const current = (await this.placements.lock(uow.em, placementId))!;
    const transition = placementTransition(current.status, change);
    if (!transition.changed) return current;
    const now = this.clock.now();
    if (change === 'confirm' && current.expiresAt && current.expiresAt.getTime() <= now.getTime()) {
      throw new HoldExpired(placementId, current.expiresAt);
    }
    const defaultReason = change === 'release' ? 'released' : change === 'cancel' ? 'cancelled' : undefined;
    const changed = await this.placements.setStatus(
      uow.em,
      placementId,
      transition.to,
      reason ?? defaultReason,
      now,
    );
    const delta = seatDelta(current.status, transition.to);
    const activity = await this.activities.adjustSeats(
      uow.em,
      current.activityId,
      delta.held,
      delta.confirmed,
    );
    // The youth voice is not stored here: it reaches the figures as counts only, from the event.
    const voice = change === 'complete' ? youthVoice : undefined;
    await uow.publish(placementEvent(changed, availableSeats(activity), voice));
    return changed;
  }
}
