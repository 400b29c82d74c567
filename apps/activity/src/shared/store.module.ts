import { Global, Module } from '@nestjs/common';
import { ActivitiesRepository } from '../activities/activities.repository';
import { PlacementsRepository } from '../placements/placements.repository';
import { TeamsRepository } from '../teams/teams.repository';

/** The repositories, shared by the feature modules (they all write to the same few tables). */
@Global()
@Module({
  providers: [TeamsRepository, ActivitiesRepository, PlacementsRepository],
  exports: [TeamsRepository, ActivitiesRepository, PlacementsRepository],
})
export class StoreModule {}
