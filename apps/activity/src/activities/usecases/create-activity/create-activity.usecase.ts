import { Injectable } from '@nestjs/common';
import { TeamNotFound } from '@samenspel/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertActsForTeam } from '../../../domain/team-scope';
import { TeamsRepository } from '../../../teams/teams.repository';
import { ActivitiesRepository } from '../../activities.repository';
import { assertValidActivity } from '../../activity-rules';
import type { Activity } from '../../activity.entity';
import type { CreateActivityCommand } from './create-activity.command';

/** Creates an activity as a draft: invisible to matching and silent on Kafka until it is published. */
@Injectable()
export class CreateActivity {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamsRepository,
    private readonly activities: ActivitiesRepository,
  ) {}

  execute({ principal, fields }: CreateActivityCommand): Promise<Activity> {
    assertActsForTeam(principal, fields.teamId);
    return this.dataSource.transaction(async (em) => {
      const team = await this.teams.find(em, fields.teamId);
      if (!team) throw new TeamNotFound(fields.teamId);
      assertValidActivity(fields, team);
      return this.activities.insert(em, randomUUID(), fields);
    });
  }
}
