import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { availableSeats } from '../../../domain/capacity';
import { rankCandidates, type RankedCandidate } from '../../../domain/ranking';
import type { FindCandidatesCommand } from './find-candidates.command';

/** The catalogue of one municipality is small (tens of activities): rank it in memory, filter in SQL. */
const MAX_SCANNED = 1000;

/**
 * Ranked, explained candidate activities for a youngster: open, age fits, same municipality, a free
 * seat. Read in the caller's unit of work, so a batch of holds sees the seats it took itself.
 */
@Injectable()
export class FindCandidates {
  constructor(private readonly activities: ActivitiesRepository) {}

  async execute(command: FindCandidatesCommand, uow: UnitOfWork): Promise<RankedCandidate[]> {
    const { items } = await this.activities.search(uow.em, {
      status: 'open',
      age: command.ageYears,
      municipalityCode: command.municipalityCode,
      withFreeSeats: true,
      excludeIds: command.excludeActivityIds,
      ...(command.teamId !== undefined && { teamId: command.teamId }),
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
      command,
    );
  }
}
