import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { afterOfferClosed, assertOfferMove } from '../../../domain/bridging-lifecycle';
import { MatcherSignal } from '../../../matching/matcher.signal';
import { noMatch, offerOutcome } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../../waitlist-entries/waitlist-entries.repository';
import { OffersRepository } from '../../offers.repository';
import type { ExpireOfferCommand } from './expire-offer.command';

/**
 * The activity service released a held seat because it lapsed: the offer expired with it.
 * The youngster goes back to the matcher for the next-best activity (never the same one), or
 * to no-match after the third offer.
 */
@Injectable()
export class ExpireOffer {
  constructor(
    private readonly offers: OffersRepository,
    private readonly entries: WaitlistEntriesRepository,
    private readonly matcher: MatcherSignal,
    private readonly clock: Clock,
  ) {}

  async execute(command: ExpireOfferCommand, uow: UnitOfWork): Promise<'expired' | 'not-open'> {
    const offer = await this.offers.lock(uow.em, command.offerId);
    if (!offer || offer.status !== 'open') return 'not-open';
    const entry = (await this.entries.lock(uow.em, offer.waitlistEntryId))!;
    assertOfferMove(offer.status, 'expired');
    offer.status = 'expired';
    offer.reason = 'expired';
    offer.decidedAt = this.clock.now();
    await this.offers.save(uow.em, offer);
    await uow.publish(offerOutcome('expired', entry, offer, 'expired'));
    if (entry.status === 'offered') {
      const next = afterOfferClosed((await this.offers.ofEntry(uow.em, entry.waitlistEntryId)).length);
      entry.status = next;
      await this.entries.save(uow.em, entry);
      if (next === 'no-match') await uow.publish(noMatch(entry, 'offers-exhausted'));
      else await this.matcher.wake(uow.em);
    }
    return 'expired';
  }
}
