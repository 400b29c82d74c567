import { globalModule, runService, type ServiceDefinition } from '@samenspel/bootstrap';
import { ErasureModule, ErasureTombstones1767225600000, parseRetentionPeriod } from '@samenspel/erasure';
import { KnownActivity } from './activity-catalog/known-activity.entity';
import { BRIDGING_CONFIG, BridgingConfig } from './config/bridging.config';
import { MatchingModule } from './matching/matching.module';
import { BridgingSchema1764806500000 } from './migrations/1764806500000-bridging-schema';
import { BridgingOffer } from './offers/bridging-offer.entity';
import { OffersModule } from './offers/offers.module';
import { BridgingEraser, BridgingRetention } from './privacy/bridging-privacy';
import { StoreModule } from './shared/store.module';
import { WaitlistEntriesModule } from './waitlist-entries/waitlist-entries.module';
import { WaitlistEntry } from './waitlist-entries/waitlist-entry.entity';

// Port 3002: group offers from youth work for youngsters on a care waiting list.
export const BRIDGING_SERVICE: ServiceDefinition<BridgingConfig> = {
  name: 'waitlist-bridging',
  config: BridgingConfig,
  imports: (config) => [
    globalModule('BridgingConfigModule', [{ provide: BRIDGING_CONFIG, useValue: config }]),
    StoreModule,
    WaitlistEntriesModule,
    OffersModule,
    MatchingModule,
    ErasureModule.forService({
      service: 'waitlist-bridging',
      eraser: BridgingEraser,
      anonymiser: BridgingRetention,
      policy: { waitlistEntry: parseRetentionPeriod(config.RETENTION_WAITLIST_ENTRY) },
      sweepIntervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
    }),
  ],
  entities: [WaitlistEntry, BridgingOffer, KnownActivity],
  migrations: [BridgingSchema1764806500000, ErasureTombstones1767225600000],
};

if (require.main === module) void runService(BRIDGING_SERVICE);
