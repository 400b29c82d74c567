import { Injectable } from '@nestjs/common';
import { CatalogueObjectNotFound } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { hsdsService, hsdsServiceStatus, type HsdsService } from '../../../domain/hsds';
import { TeamsRepository } from '../../../teams/teams.repository';
import type { GetServiceCommand } from './get-service.command';

/** One published activity as a fully nested HSDS service; a draft is not found. */
@Injectable()
export class GetService {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async execute({ serviceId }: GetServiceCommand, uow: UnitOfWork): Promise<HsdsService> {
    const activity = await this.activities.find(uow.em, serviceId);
    if (!activity || !hsdsServiceStatus(activity.status)) throw new CatalogueObjectNotFound('service');
    return hsdsService(activity, await this.teams.find(uow.em, activity.teamId));
  }
}
