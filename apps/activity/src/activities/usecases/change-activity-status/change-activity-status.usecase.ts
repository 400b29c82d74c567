import { Injectable } from '@nestjs/common';
import { ActivityNotFound } from '@samenspel/contracts';
import { Outbox } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { nextActivityStatus } from '../../../domain/activity-status';
import { assertActsForTeam } from '../../../domain/team-scope';
import { activityEvent } from '../../activity.events';
import { ActivitiesRepository } from '../../activities.repository';
import type { Activity } from '../../activity.entity';
import type { ChangeActivityStatusCommand } from './change-activity-status.command';

/** Publish (draft or paused → open: activity.published) and pause (open → paused: activity.updated). */
@Injectable()
export class ChangeActivityStatus {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly outbox: Outbox,
  ) {}

  execute({ principal, activityId, change }: ChangeActivityStatusCommand): Promise<Activity> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.activities.lock(em, activityId);
      if (!current) throw new ActivityNotFound(activityId);
      assertActsForTeam(principal, current.teamId);
      const next = nextActivityStatus(current.status, change);
      const updated = await this.activities.setStatus(em, activityId, next);
      await this.outbox.append(em, [activityEvent(change === 'publish' ? 'published' : 'updated', updated)]);
      return updated;
    });
  }
}
