import { Module } from '@nestjs/common';
import { ActivityCatalogModule } from '../activity-catalog/activity-catalog.module';
import { OffersController } from './offers.controller';
import { TaskEventsController } from './task-events.controller';
import { AcceptOffer } from './usecases/accept-offer/accept-offer.usecase';
import { DeclineOffer } from './usecases/decline-offer/decline-offer.usecase';
import { DeclineOfferOfTask } from './usecases/decline-offer-of-task/decline-offer-of-task.usecase';
import { ExpireOffer } from './usecases/expire-offer/expire-offer.usecase';
import { WithdrawOpenOffer } from './usecases/withdraw-open-offer/withdraw-open-offer.usecase';

/**
 * Offers of a held seat to the owning team, and their outcomes: accepted, declined (through the API,
 * or by the team's task completed as declined), expired, withdrawn.
 */
@Module({
  imports: [ActivityCatalogModule],
  controllers: [OffersController, TaskEventsController],
  providers: [AcceptOffer, DeclineOffer, DeclineOfferOfTask, ExpireOffer, WithdrawOpenOffer],
  exports: [ExpireOffer, WithdrawOpenOffer],
})
export class OffersModule {}
