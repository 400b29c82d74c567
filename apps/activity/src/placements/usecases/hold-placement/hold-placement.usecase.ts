import { Inject, Injectable } from '@nestjs/common';
import {
  ActivityNotFound,
  ActivityNotOpen,
  AlreadyPlaced,
  NoCapacity,
  ReferenceConflict,
} from '@samenspel/contracts';
import { Clock } from '@samenspel/clock';
import { parseIsoDuration } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { ACTIVITY_CONFIG, type ActivityConfig } from '../../../config/activity.config';
import { takesPlacements } from '../../../domain/activity-status';
import { availableSeats, canHold } from '../../../domain/capacity';
import { holdExpiry } from '../../../domain/hold-expiry';
import { assertActsForTeam } from '../../../domain/team-scope';
import type { Placement } from '../../placement.entity';
import { placementEvent } from '../../placement.events';
import { PlacementsRepository } from '../../placements.repository';
import type { HoldPlacementCommand } from './hold-placement.command';

/** A seat held for a reference: the placement, and whether this call made it. */
export interface PlacementHold {
  placement: Placement;
  /** False when the reference was seen before and the earlier placement is returned. */
  created: boolean;
}

/**
 * Holds a seat. The activity row is locked (SELECT … FOR UPDATE) until the unit of work ends, so
 * concurrent holds queue on it and each sees the counters the previous one committed: the
 * invariant held + confirmed <= capacity is PostgreSQL's to keep, and a CHECK backs it up.
 *
 * A refusal (a DomainError) is thrown before anything is written, so a batch's unit of work can go
 * on with its next try. A reference that a concurrent call took fails the insert, and with it the
 * transaction: see `runHold`.
 */
@Injectable()
export class HoldPlacement {
  private readonly ttlMs: number;

  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
    @Inject(ACTIVITY_CONFIG) config: ActivityConfig,
    private readonly clock: Clock,
  ) {
    this.ttlMs = parseIsoDuration(config.PLACEMENT_HOLD_TTL);
  }

  async execute(command: HoldPlacementCommand, uow: UnitOfWork): Promise<PlacementHold> {
    const expiresAt = holdExpiry(command.expiresAt, this.ttlMs, this.clock.now().getTime());
    const activity = await this.activities.lock(uow.em, command.activityId);
    if (!activity) throw new ActivityNotFound();
    assertActsForTeam(command.principal, activity.teamId, command.youthRef);
    const { earlier, active } = await this.placements.findForHold(
      uow.em,
      command.reference,
      activity.id,
      command.youthRef,
    );
    if (earlier) return { placement: this.sameRequest(earlier, command), created: false };
    if (!takesPlacements(activity.status)) throw new ActivityNotOpen(activity.id, activity.status);
    if (active) throw new AlreadyPlaced(activity.id, active.id, active.reference);
    if (!canHold(activity)) throw new NoCapacity(activity.id, activity.capacity);
    const placement = await this.placements.insertHeld(uow.em, {
      id: randomUUID(),
      activityId: activity.id,
      teamId: activity.teamId,
      youthRef: command.youthRef,
      reference: command.reference,
      expiresAt,
    });
    const after = await this.activities.adjustSeats(uow.em, activity.id, 1, 0);
    await uow.publish(placementEvent(placement, availableSeats(after)));
    return { placement, created: true };
  }

  /** A repeated reference must describe the same hold; anything else is a client bug worth a 409. */
  private sameRequest(existing: Placement, command: HoldPlacementCommand): Placement {
    if (existing.activityId !== command.activityId || existing.youthRef !== command.youthRef) {
      throw new ReferenceConflict(existing.id);
    }
    return existing;
  }
}
