import { Injectable } from '@nestjs/common';
import type { NewEvent, UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { ActivityCatalogPort, PlacementRefusedError } from '../../../activity-catalog/activity-catalog.port';
import { afterOfferClosed } from '../../../domain/bridging-lifecycle';
import { MatcherSignal } from '../../../matching/matcher.signal';
import { noMatch, offerOutcome } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../../waitlist-entries/waitlist-entries.repository';
import type { BridgingOffer } from '../../bridging-offer.entity';
import { activityFailure, lockDecision, offerToDecide } from '../../offer-decision';
import { OffersRepository } from '../../offers.repository';
import type { DeclineOfferCommand } from './decline-offer.command';

/**
 * The youngster said no: the seat is released first (HTTP, before any row is locked), then the
 * decline is recorded and the entry goes back to the matcher for the next-best activity, or to
 * no-match after the third offer. The activity service's `placement.released` then moves the queue.
 */
@Injectable()
export class DeclineOffer {
  constructor(
    private readonly offers: OffersRepository,
    private readonly entries: WaitlistEntriesRepository,
    private readonly catalog: ActivityCatalogPort,
    private readonly matcher: MatcherSignal,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeclineOfferCommand, uow: UnitOfWork): Promise<BridgingOffer> {
    const found = await offerToDecide(
      this.offers,
      this.entries,
      uow.em,
      command,
      command.offerId,
      'declined',
    );
    try {
      await this.catalog.release(found.placementId, 'declined');
    } catch (error) {
      // Refused means released or lapsed already: the seat is free either way.
      if (!(error instanceof PlacementRefusedError)) throw activityFailure(error);
    }
    const { offer, entry } = await lockDecision(
      this.offers,
      this.entries,
      uow.em,
      command.offerId,
      'declined',
    );
    offer.status = 'declined';
    offer.reason = command.reason;
    offer.decidedAt = this.clock.now();
    await this.offers.save(uow.em, offer);
    const events: NewEvent[] = [offerOutcome('declined', entry, offer, command.reason)];
    if (entry.status === 'offered') {
      const next = afterOfferClosed((await this.offers.ofEntry(uow.em, entry.waitlistEntryId)).length);
      entry.status = next;
      await this.entries.save(uow.em, entry);
      if (next === 'no-match') events.push(noMatch(entry, 'offers-exhausted'));
      else await this.matcher.wake(uow.em);
    }
    await uow.publish(events);
    return offer;
  }
}
