import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { availableSeats } from '../../../domain/capacity';
import { rankCandidates, type RankedCandidate } from '../../../domain/ranking';
import type { FindCandidatesCommand } from './find-candidates.command';

/** The catalogue of one municipality is small (tens of activities): rank it in memory, filter in SQL. */
const MAX_SCANNED = 1000;

/** Ranked, explained candidate activities for a youngster: open, age fits, same municipality, a free seat. */
@Injectable()
export class FindCandidates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
  ) {}

  /** `manager`: a transaction's, for a batch of holds that must see its own seats taken. */
  async execute(
    query: FindCandidatesCommand,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RankedCandidate[]> {
    const { items } = await this.activities.search(manager, {
      status: 'open',
      age: query.ageYears,
      municipalityCode: query.municipalityCode,
      withFreeSeats: true,
      excludeIds: query.excludeActivityIds,
      ...(query.teamId !== undefined && { teamId: query.teamId }),
      limit: MAX_SCANNED,
      offset: 0,
    });
    return rankCandidates(
      items.map((a) => ({
        activityId: a.id,
        teamId: a.teamId,
        title: a.title,
        themes: a.themes,
        minAge: a.minAge,
        maxAge: a.maxAge,
        municipalityCode: a.municipalityCode,
        postcode4: a.postcode4,
        status: a.status,
        available: availableSeats(a),
      })),
      query,
    );
  }
}
