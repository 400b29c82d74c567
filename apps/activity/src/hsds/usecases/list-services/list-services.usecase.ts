import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import type { Activity } from '../../../activities/activity.entity';
import {
  hsdsPage,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsServiceSummary,
  SERVED_STATUSES,
  themeOfTerm,
  type HsdsPage,
  type HsdsService,
  type HsdsServiceAtLocation,
  type HsdsServiceSummary,
} from '../../../domain/hsds';
import type { Team } from '../../../teams/team.entity';
import { TeamsRepository } from '../../../teams/teams.repository';
import type { ListServicesCommand, ServiceShape } from './list-services.command';

type Shaped = HsdsServiceSummary | HsdsService | HsdsServiceAtLocation;

const SHAPES: Readonly<Record<ServiceShape, (a: Activity, team?: Team) => Shaped>> = {
  summary: hsdsServiceSummary,
  full: hsdsService,
  'service-at-location': (a) => hsdsServiceAtLocation(a),
};

/** A page of the published activities (never drafts) that pass the filters, as HSDS objects. */
@Injectable()
export class ListServices {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async execute(c: ListServicesCommand, uow: UnitOfWork): Promise<HsdsPage<Shaped>> {
    const theme = c.taxonomyTerm === undefined ? undefined : themeOfTerm(c.taxonomyTerm);
    // A term outside the vocabulary is no theme of any activity.
    if (c.taxonomyTerm !== undefined && !theme) return hsdsPage([], 0, c.page, c.perPage);
    const found = await this.activities.search(uow.em, {
      statuses: SERVED_STATUSES,
      themes: theme && [theme],
      age: c.age,
      municipalityCode: c.municipalityCode,
      withFreeSeats: c.withFreeSeats,
      teamId: c.organizationId,
      limit: c.perPage,
      offset: (c.page - 1) * c.perPage,
    });
    const teamIds = [...new Set(found.items.map((a) => a.teamId))];
    const teams = new Map(
      c.shape === 'service-at-location'
        ? []
        : (await this.teams.findMany(uow.em, teamIds)).map((t) => [t.id, t] as const),
    );
    const shape = SHAPES[c.shape];
    return hsdsPage(
      found.items.map((a) => shape(a, teams.get(a.teamId))),
      found.total,
      c.page,
      c.perPage,
    );
  }
}
