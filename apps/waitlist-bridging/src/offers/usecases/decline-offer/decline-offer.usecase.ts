import { Injectable } from '@nestjs/common';
import type { Principal } from '@samenspel/http';
import { Outbox, type NewEvent } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { ActivityCatalogPort, PlacementRefusedError } from '../../../activity-catalog/activity-catalog.port';
import { afterOfferClosed, assertOfferMove } from '../../../domain/bridging-lifecycle';
import { noMatch, offerOutcome } from '../../../shared/bridging-events';
import type { BridgingOffer } from '../../bridging-offer.entity';
import { BridgingRepository } from '../../../shared/bridging.repository';
import { activityFailure, assertOwningTeam, OfferNotFoundError } from '../../offer-decision';

export class DeclineOfferCommand {
  constructor(
    readonly offerId: string,
    readonly reason: string,
    readonly principal: Principal,
  ) {}
}

/**
 * The youngster said no: the seat is released first (HTTP), then one transaction records the
 * decline and sends the entry back to the matcher for the next-best activity, or to no-match
 * after the third offer. The activity service's `placement.released` then moves the queue.
 */
@Injectable()
export class DeclineOffer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly catalog: ActivityCatalogPort,
  ) {}

  async execute(command: DeclineOfferCommand): Promise<BridgingOffer> {
    const found = await BridgingRepository.in(this.dataSource.manager).offer(command.offerId);
    if (!found) throw new OfferNotFoundError(command.offerId);
    assertOwningTeam(command.principal, found);
    assertOfferMove(found.status, 'declined');
    try {
      await this.catalog.release(found.placementId, 'declined');
    } catch (error) {
      // Refused means released or lapsed already: the seat is free either way.
      if (!(error instanceof PlacementRefusedError)) throw activityFailure(error);
    }
    return this.dataSource.transaction(async (em) => {
      const repo = BridgingRepository.in(em);
      const offer = (await repo.offer(command.offerId, true))!;
      const entry = (await repo.entry(offer.waitlistEntryId, true))!;
      assertOfferMove(offer.status, 'declined');
      offer.status = 'declined';
      offer.reason = command.reason;
      offer.decidedAt = new Date();
      await repo.saveOffer(offer);
      const events: NewEvent[] = [offerOutcome('declined', entry, offer, command.reason)];
      if (entry.status === 'offered') {
        const next = afterOfferClosed((await repo.offers(entry.waitlistEntryId)).length);
        entry.status = next;
        await repo.saveEntry(entry);
        if (next === 'no-match') events.push(noMatch(entry, 'offers-exhausted'));
        else await repo.signalMatcher();
      }
      await this.outbox.append(em, events);
      return offer;
    });
  }
}
