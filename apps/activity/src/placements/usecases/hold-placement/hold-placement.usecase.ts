import { Inject, Injectable } from '@nestjs/common';
import {
  ActivityNotFound,
  ActivityNotOpen,
  AlreadyPlaced,
  NoCapacity,
  ReferenceConflict,
} from '@samenspel/contracts';
import { Outbox, type NewEvent } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { ACTIVITY_CONFIG, type ActivityConfig } from '../../../config/activity.config';
import { takesPlacements } from '../../../domain/activity-status';
import { availableSeats, canHold } from '../../../domain/capacity';
import { holdExpiry } from '../../../domain/hold-expiry';
import { parseIsoDuration } from '@samenspel/http';
import { assertActsForTeam } from '../../../domain/team-scope';
import { placementEvent } from '../../placement.events';
import { isUniqueViolation } from '../../../shared/sql';
import type { Placement } from '../../placement.entity';
import { PlacementsRepository } from '../../placements.repository';
import type { HoldPlacementCommand } from './hold-placement.command';

export interface HoldResult {
  placement: Placement;
  /** False when the reference was seen before and the earlier placement is returned. */
  created: boolean;
}

/**
 * Holds a seat. The activity row is locked (SELECT … FOR UPDATE) for the whole transaction, so
 * concurrent holds queue on it and each sees the counters the previous one committed: the
 * invariant held + confirmed <= capacity is PostgreSQL's to keep, and a CHECK backs it up.
 */
@Injectable()
export class HoldPlacement {
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly placements: PlacementsRepository,
    private readonly outbox: Outbox,
    @Inject(ACTIVITY_CONFIG) config: ActivityConfig,
  ) {
    this.ttlMs = parseIsoDuration(config.PLACEMENT_HOLD_TTL);
  }

  /** When a hold asked to lapse at `requested` lapses: by default now + PLACEMENT_HOLD_TTL. */
  expiryOf(requested: Date | undefined): Date {
    return holdExpiry(requested, this.ttlMs, Date.now());
  }

  async execute(command: HoldPlacementCommand): Promise<HoldResult> {
    const expiresAt = this.expiryOf(command.expiresAt);
    try {
      return await this.hold(command, expiresAt);
    } catch (error) {
      // The same reference on another activity, committed by a concurrent call.
      if (isUniqueViolation(error, 'placement_reference_key')) {
        const existing = await this.placements.findByReference(this.dataSource.manager, command.reference);
        if (existing) return { placement: this.sameRequest(existing, command), created: false };
      }
      throw error;
    }
  }

  private hold(command: HoldPlacementCommand, expiresAt: Date): Promise<HoldResult> {
    return this.dataSource.transaction((em) => this.holdIn(em, command, expiresAt));
  }

  /**
   * The hold in the caller's transaction (a batch of holds). A refusal (a DomainError) is thrown
   * before anything is written, so the transaction can go on with the next try; a reference taken
   * by a concurrent call fails the statement, and with it the caller's transaction. With `events`,
   * the event is added there for the caller to append, after every row it locks.
   */
  async holdIn(
    em: EntityManager,
    command: HoldPlacementCommand,
    expiresAt: Date,
    events?: NewEvent[],
  ): Promise<HoldResult> {
    const activity = await this.activities.lock(em, command.activityId);
    if (!activity) throw new ActivityNotFound(command.activityId);
    assertActsForTeam(command.principal, activity.teamId);
    const { earlier, active } = await this.placements.findForHold(
      em,
      command.reference,
      activity.id,
      command.youthRef,
    );
    if (earlier) return { placement: this.sameRequest(earlier, command), created: false };
    if (!takesPlacements(activity.status)) throw new ActivityNotOpen(activity.id, activity.status);
    if (active) throw new AlreadyPlaced(activity.id, active.id, active.reference);
    if (!canHold(activity)) throw new NoCapacity(activity.id, activity.capacity);
    const placement = await this.placements.insertHeld(em, {
      id: randomUUID(),
      activityId: activity.id,
      teamId: activity.teamId,
      youthRef: command.youthRef,
      reference: command.reference,
      expiresAt,
    });
    const after = await this.activities.adjustSeats(em, activity.id, 1, 0);
    const event = placementEvent(placement, availableSeats(after));
    if (events) events.push(event);
    else await this.outbox.append(em, [event]);
    return { placement, created: true };
  }

  /** A repeated reference must describe the same hold; anything else is a client bug worth a 409. */
  private sameRequest(existing: Placement, command: HoldPlacementCommand): Placement {
    if (existing.activityId !== command.activityId || existing.youthRef !== command.youthRef) {
      throw new ReferenceConflict(command.reference, existing.id);
    }
    return existing;
  }
}
