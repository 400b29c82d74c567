import { Injectable } from '@nestjs/common';
import { ActivityClosed, CapacityBelowOccupied, TeamNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { capacityFits } from '../../../domain/capacity';
import { activityEvent } from '../../activity.events';
import { TeamsRepository } from '../../../teams/teams.repository';
import { ActivitiesRepository } from '../../activities.repository';
import { lockOwnActivity } from '../../own-activity';
import { assertValidActivity } from '../../activity-rules';
import type { Activity, ActivityFields } from '../../activity.entity';
import type { UpdateActivityCommand } from './update-activity.command';

/**
 * Changes an activity under its row lock, so a capacity change and a concurrent hold cannot both
 * pass: capacity may not drop below the seats held and confirmed right now.
 */
@Injectable()
export class UpdateActivity {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly activities: ActivitiesRepository,
  ) {}

  async execute(
    { principal, activityId, changes }: UpdateActivityCommand,
    uow: UnitOfWork,
  ): Promise<Activity> {
    const current = await lockOwnActivity(this.activities, uow.em, principal, activityId);
    if (current.status === 'closed') throw new ActivityClosed(activityId);
    const team = await this.teams.find(uow.em, current.teamId);
    if (!team) throw new TeamNotFound();
    const merged: ActivityFields = { ...fieldsOf(current), ...definedOnly(changes) };
    assertValidActivity(merged, team);
    if (!capacityFits(merged.capacity, current)) {
      throw new CapacityBelowOccupied(merged.capacity, current.held, current.confirmed);
    }
    const updated = await this.activities.updateFields(uow.em, activityId, merged);
    // Drafts are not public yet: they are announced when published.
    if (updated.status !== 'draft') await uow.publish(activityEvent('updated', updated));
    return updated;
  }
}

function fieldsOf(a: Activity): ActivityFields {
  const {
    id: _id,
    held: _h,
    confirmed: _c,
    status: _s,
    closeReason: _r,
    createdAt: _ca,
    updatedAt: _ua,
    ...fields
  } = a;
  return fields;
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
