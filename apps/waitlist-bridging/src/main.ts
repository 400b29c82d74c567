import { runService } from '@samenspel/bootstrap';
import { ErasureModule, ErasureTombstones1767225600000, parseRetentionPeriod } from '@samenspel/erasure';
import { BridgingConfigModule } from './config/bridging-config.module';
import { BridgingConfig } from './config/bridging.config';
import { BridgingOffer } from './bridging/bridging-offer.entity';
import { BridgingModule } from './bridging/bridging.module';
import { KnownActivity } from './bridging/known-activity.entity';
import { WaitlistEntry } from './bridging/waitlist-entry.entity';
import { BridgingSchema1764806500000 } from './migrations/1764806500000-bridging-schema';
import { BridgingEraser, BridgingRetention } from './privacy/bridging-privacy';

// Port 3002: group offers from youth work for youngsters on a care waiting list.
void runService({
  name: 'waitlist-bridging',
  config: BridgingConfig,
  imports: (config) => [
    BridgingConfigModule.forRoot(config),
    BridgingModule.forRoot(config),
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
});
