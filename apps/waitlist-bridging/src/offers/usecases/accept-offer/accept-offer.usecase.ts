import { Injectable } from '@nestjs/common';
import type { Principal } from '@samenspel/http';
import { Outbox } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { ActivityCatalogPort } from '../../../activity-catalog/activity-catalog.port';
import { assertEntryMove, assertOfferMove } from '../../../domain/bridging-lifecycle';
import { offerOutcome } from '../../../shared/bridging-events';
import type { BridgingOffer } from '../../bridging-offer.entity';
import { BridgingRepository } from '../../../shared/bridging.repository';
import { activityFailure, assertOwningTeam, OfferNotFoundError } from '../../offer-decision';

export class AcceptOfferCommand {
  constructor(
    readonly offerId: string,
    readonly principal: Principal,
  ) {}
}

/**
 * The youngster said yes: the activity service confirms the held seat first, then one
 * transaction records the acceptance and its event. Confirming is safe to repeat, so a retry
 * after a failed transaction only confirms again.
 */
@Injectable()
export class AcceptOffer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly catalog: ActivityCatalogPort,
  ) {}

  async execute(command: AcceptOfferCommand): Promise<BridgingOffer> {
    const found = await BridgingRepository.in(this.dataSource.manager).offer(command.offerId);
    if (!found) throw new OfferNotFoundError(command.offerId);
    assertOwningTeam(command.principal, found);
    assertOfferMove(found.status, 'accepted');
    try {
      await this.catalog.confirm(found.placementId);
    } catch (error) {
      throw activityFailure(error);
    }
    return this.dataSource.transaction(async (em) => {
      const repo = BridgingRepository.in(em);
      const offer = (await repo.offer(command.offerId, true))!;
      const entry = (await repo.entry(offer.waitlistEntryId, true))!;
      assertOfferMove(offer.status, 'accepted');
      assertEntryMove(entry.status, 'bridged');
      offer.status = 'accepted';
      offer.decidedAt = new Date();
      entry.status = 'bridged';
      entry.acceptedAt = offer.decidedAt;
      await repo.saveOffer(offer);
      await repo.saveEntry(entry);
      await this.outbox.append(em, [offerOutcome('accepted', entry, offer)]);
      return offer;
    });
  }
}
