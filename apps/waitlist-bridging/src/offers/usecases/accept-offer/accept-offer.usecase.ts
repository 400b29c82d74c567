import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { ActivityCatalogPort } from '../../../activity-catalog/activity-catalog.port';
import { assertEntryMove } from '../../../domain/bridging-lifecycle';
import { offerOutcome } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../../waitlist-entries/waitlist-entries.repository';
import type { BridgingOffer } from '../../bridging-offer.entity';
import { activityFailure, lockDecision, offerToDecide } from '../../offer-decision';
import { OffersRepository } from '../../offers.repository';
import type { AcceptOfferCommand } from './accept-offer.command';

/**
 * The youngster said yes: the activity service confirms the held seat first, before any row is
 * locked, then the acceptance and its event are recorded. Confirming is safe to repeat, so a retry
 * after a failed transaction only confirms again.
 */
@Injectable()
export class AcceptOffer {
  constructor(
    private readonly offers: OffersRepository,
    private readonly entries: WaitlistEntriesRepository,
    private readonly catalog: ActivityCatalogPort,
    private readonly clock: Clock,
  ) {}

  async execute(command: AcceptOfferCommand, uow: UnitOfWork): Promise<BridgingOffer> {
    const found = await offerToDecide(
      this.offers,
      this.entries,
      uow.em,
      command.principal,
      command.offerId,
      'accepted',
    );
    try {
      await this.catalog.confirm(found.placementId);
    } catch (error) {
      throw activityFailure(error);
    }
    const { offer, entry } = await lockDecision(
      this.offers,
      this.entries,
      uow.em,
      command.offerId,
      'accepted',
    );
    assertEntryMove(entry.status, 'bridged');
    offer.status = 'accepted';
    offer.decidedAt = this.clock.now();
    entry.status = 'bridged';
    entry.acceptedAt = offer.decidedAt;
    await this.offers.save(uow.em, offer);
    await this.entries.save(uow.em, entry);
    await uow.publish(offerOutcome('accepted', entry, offer));
    return offer;
  }
}
