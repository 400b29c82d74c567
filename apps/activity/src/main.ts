import { globalModule, runService, type ServiceDefinition } from '@samenspel/bootstrap';
import { ErasureModule, ErasureTombstones1767225600000, parseRetentionPeriod } from '@samenspel/erasure';
import { ActivitiesModule } from './activities/activities.module';
import { ACTIVITY_CONFIG, ActivityConfig } from './config/activity.config';
import { HsdsModule } from './hsds/hsds.module';
import { MatchingModule } from './matching/matching.module';
import { ActivitySchema1764806400000 } from './migrations/1764806400000-activity-schema';
import { PlacementsModule } from './placements/placements.module';
import { ActivityEraser, ActivityRetention } from './privacy/activity-privacy';
import { SeedModule } from './seed/seed.module';
import { StoreModule } from './shared/store.module';
import { TeamsModule } from './teams/teams.module';

// Port 3003: the youth-work catalogue, the single authority on capacity, placements and attendance.
export const ACTIVITY_SERVICE: ServiceDefinition<ActivityConfig> = {
  name: 'activity',
  config: ActivityConfig,
  migrations: [ActivitySchema1764806400000, ErasureTombstones1767225600000],
  // HSDS has its own versions: its API keeps one path across ours.
  unprefixedRoutes: ['hsds', 'hsds/{*splat}'],
  imports: (config) => [
    globalModule('ActivityConfigModule', [{ provide: ACTIVITY_CONFIG, useValue: config }]),
    StoreModule,
    TeamsModule,
    ActivitiesModule,
    PlacementsModule,
    MatchingModule,
    HsdsModule,
    SeedModule,
    ErasureModule.forService({
      service: 'activity',
      eraser: ActivityEraser,
      anonymiser: ActivityRetention,
      policy: { placement: parseRetentionPeriod(config.RETENTION_PLACEMENT) },
      sweepIntervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
    }),
  ],
};

if (require.main === module) void runService(ACTIVITY_SERVICE);
