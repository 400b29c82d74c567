import { Module } from '@nestjs/common';
import { ActivityCatalogModule } from '../activity-catalog/activity-catalog.module';
import { OffersModule } from '../offers/offers.module';
import { WaitlistEntriesModule } from '../waitlist-entries/waitlist-entries.module';
import { ActivityEventsController } from './activity-events.controller';
import { HoldReleaser } from './hold-releaser';
import { MatchingWorker } from './matching.worker';
import { Matcher } from './matcher';
import { RecordMatch } from './usecases/record-match/record-match.usecase';
import { RematchQueue } from './usecases/rematch-queue/rematch-queue.usecase';

/**
 * The matcher: holds the best free seat for each entry in `matching` and records the offer, or
 * queues the entry; freed seats and opened activities move the queue.
 */
@Module({
  imports: [ActivityCatalogModule, OffersModule, WaitlistEntriesModule],
  controllers: [ActivityEventsController],
  providers: [RecordMatch, RematchQueue, Matcher, HoldReleaser, MatchingWorker],
})
export class MatchingModule {}
