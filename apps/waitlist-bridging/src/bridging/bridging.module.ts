import { Module, type DynamicModule } from '@nestjs/common';
import { ActivityCatalogPort } from '../activity-catalog/activity-catalog.port';
import { HttpActivityCatalog } from '../activity-catalog/http-activity-catalog.adapter';
import type { BridgingConfig } from '../config/bridging.config';
import { ActivityEventsController } from './activity-events.controller';
import { BridgingMetrics } from './bridging.metrics';
import { MatchingWorker } from './matching.worker';
import { OffersController } from './offers.controller';
import { AcceptOffer } from './usecases/accept-offer/accept-offer.usecase';
import { DeclineOffer } from './usecases/decline-offer/decline-offer.usecase';
import { ExitEntry } from './usecases/exit-entry/exit-entry.usecase';
import { ExpireOffer } from './usecases/expire-offer/expire-offer.usecase';
import { MatchEntry } from './usecases/match-entry/match-entry.usecase';
import { RecordEntry } from './usecases/record-entry/record-entry.usecase';
import { ReleaseHolds } from './usecases/release-holds/release-holds.usecase';
import { RematchQueue } from './usecases/rematch-queue/rematch-queue.usecase';
import { UpdateEntry } from './usecases/update-entry/update-entry.usecase';
import { WaitlistEntriesController } from './waitlist-entries.controller';
import { WaitlistEventsController } from './waitlist-events.controller';

/** Waitlist bridging: entries, matching, offers and their outcomes, and the measures. */
@Module({})
export class BridgingModule {
  static forRoot(config: BridgingConfig): DynamicModule {
    return {
      module: BridgingModule,
      controllers: [
        WaitlistEventsController,
        ActivityEventsController,
        WaitlistEntriesController,
        OffersController,
      ],
      providers: [
        {
          provide: ActivityCatalogPort,
          useFactory: () =>
            new HttpActivityCatalog({
              baseUrl: config.ACTIVITY_URL,
              timeoutMs: config.ACTIVITY_TIMEOUT_MS,
              jwtSecret: config.JWT_SECRET,
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
            }),
        },
        BridgingMetrics,
        RecordEntry,
        UpdateEntry,
        ExitEntry,
        MatchEntry,
        AcceptOffer,
        DeclineOffer,
        ExpireOffer,
        RematchQueue,
        ReleaseHolds,
        MatchingWorker,
      ],
    };
  }
}
