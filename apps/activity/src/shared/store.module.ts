import { globalModule } from '@samenspel/bootstrap';
import { ActivitiesRepository } from '../activities/activities.repository';
import { PlacementsRepository } from '../placements/placements.repository';
import { TeamsRepository } from '../teams/teams.repository';

/** The repositories, shared by the feature modules (they all write to the same few tables). */
export const StoreModule = globalModule('StoreModule', [
  TeamsRepository,
  ActivitiesRepository,
  PlacementsRepository,
]);
