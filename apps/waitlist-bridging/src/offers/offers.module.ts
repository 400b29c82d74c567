import { Module } from '@nestjs/common';
import { ActivityCatalogModule } from '../activity-catalog/activity-catalog.module';
import { OffersController } from './offers.controller';
import { AcceptOffer } from './usecases/accept-offer/accept-offer.usecase';
import { DeclineOffer } from './usecases/decline-offer/decline-offer.usecase';
import { ExpireOffer } from './usecases/expire-offer/expire-offer.usecase';
import { WithdrawOpenOffer } from './usecases/withdraw-open-offer/withdraw-open-offer.usecase';

/** Offers of a held seat to the owning team, and their outcomes: accepted, declined, expired, withdrawn. */
@Module({
  imports: [ActivityCatalogModule],
  controllers: [OffersController],
  providers: [AcceptOffer, DeclineOffer, ExpireOffer, WithdrawOpenOffer],
  exports: [ExpireOffer, WithdrawOpenOffer],
})
export class OffersModule {}
