import { Module } from '@nestjs/common';
import { OffersModule } from '../offers/offers.module';
import { BridgingMetrics } from './bridging.metrics';
import { ExitEntry } from './usecases/exit-entry/exit-entry.usecase';
import { RecordEntry } from './usecases/record-entry/record-entry.usecase';
import { UpdateEntry } from './usecases/update-entry/update-entry.usecase';
import { WaitlistEntriesController } from './waitlist-entries.controller';
import { WaitlistEventsController } from './waitlist-events.controller';

/** The youngsters on the care waiting lists, from the intake systems' events, and the measures. */
@Module({
  imports: [OffersModule],
  controllers: [WaitlistEventsController, WaitlistEntriesController],
  providers: [BridgingMetrics, RecordEntry, UpdateEntry, ExitEntry],
  exports: [BridgingMetrics],
})
export class WaitlistEntriesModule {}
