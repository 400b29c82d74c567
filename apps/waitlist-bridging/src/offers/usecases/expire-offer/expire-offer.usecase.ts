import { Injectable } from '@nestjs/common';
import { afterOfferClosed, assertOfferMove } from '../../../domain/bridging-lifecycle';
import { noMatch, offerOutcome } from '../../../shared/bridging-events';
import { BridgingRepository } from '../../../shared/bridging.repository';
import type { Tx } from '../../../shared/transaction';

export class ExpireOfferCommand {
  constructor(
    /** The placement's reference: our offer id. */
    readonly offerId: string,
  ) {}
}

/**
 * The activity service released a held seat because it lapsed: the offer expired with it.
 * The youngster goes back to the matcher for the next-best activity (never the same one), or
 * to no-match after the third offer.
 */
@Injectable()
export class ExpireOffer {
  async execute(command: ExpireOfferCommand, tx: Tx): Promise<'expired' | 'not-open'> {
    const repo = BridgingRepository.in(tx.em);
    const offer = await repo.offer(command.offerId, true);
    if (!offer || offer.status !== 'open') return 'not-open';
    const entry = (await repo.entry(offer.waitlistEntryId, true))!;
    assertOfferMove(offer.status, 'expired');
    offer.status = 'expired';
    offer.reason = 'expired';
    offer.decidedAt = new Date();
    await repo.saveOffer(offer);
    await tx.publish(offerOutcome('expired', entry, offer, 'expired'));
    if (entry.status === 'offered') {
      const next = afterOfferClosed((await repo.offers(entry.waitlistEntryId)).length);
      entry.status = next;
      await repo.saveEntry(entry);
      if (next === 'no-match') await tx.publish(noMatch(entry, 'offers-exhausted'));
      else await repo.signalMatcher();
    }
    return 'expired';
  }
}
