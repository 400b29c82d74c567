import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { nextActivityStatus } from '../../../domain/activity-status';
import { ActivitiesRepository } from '../../activities.repository';
import { lockOwnActivity } from '../../own-activity';
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
    const current = await lockOwnActivity(this.activities, uow.em, principal, activityId);
    const next = nextActivityStatus(current.status, change);
    const updated = await this.activities.setStatus(uow.em, activityId, next);
    await uow.publish(activityEvent(change === 'publish' ? 'published' : 'updated', updated));
    return updated;
  }
}
