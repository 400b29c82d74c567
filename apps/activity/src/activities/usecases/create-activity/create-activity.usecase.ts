import { Injectable } from '@nestjs/common';
import { TeamNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { randomUUID } from 'node:crypto';
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
    private readonly teams: TeamsRepository,
    private readonly activities: ActivitiesRepository,
  ) {}

  async execute({ principal, fields }: CreateActivityCommand, uow: UnitOfWork): Promise<Activity> {
    assertActsForTeam(principal, fields.teamId);
    const team = await this.teams.find(uow.em, fields.teamId);
    if (!team) throw new TeamNotFound();
    assertValidActivity(fields, team);
    return this.activities.insert(uow.em, randomUUID(), fields);
  }
}
