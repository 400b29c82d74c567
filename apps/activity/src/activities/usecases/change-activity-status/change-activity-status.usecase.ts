import { Injectable } from '@nestjs/common';
import { ActivityNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { nextActivityStatus } from '../../../domain/activity-status';
import { assertActsForTeam } from '../../../domain/team-scope';
import { ActivitiesRepository } from '../../activities.repository';
import type { Activity } from '../../activity.entity';
import { activityEvent } from '../../activity.events';
import type { ChangeActivityStatusCommand } from './change-activity-status.command';

/** Publish (draft or paused → open: activity.published) and pause (open → paused: activity.updated). */
@Injectable()
export class ChangeActivityStatus {
  constructor(private readonly activities: ActivitiesRepository) {}

  async execute(
    { principal, activityId, change }: ChangeActivityStatusCommand,
    uow: UnitOfWork,
  ): Promise<Activity> {
    const current = await this.activities.lock(uow.em, activityId);
    if (!current) throw new ActivityNotFound();
    assertActsForTeam(principal, current.teamId);
    const next = nextActivityStatus(current.status, change);
    const updated = await this.activities.setStatus(uow.em, activityId, next);
    await uow.publish(activityEvent(change === 'publish' ? 'published' : 'updated', updated));
    return updated;
  }
}
