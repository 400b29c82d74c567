import { assertOfferMove } from '../domain/bridging-lifecycle';
import { offerOutcome } from '../shared/bridging-events';
import type { BridgingOffer } from './bridging-offer.entity';
import type { BridgingRepository } from '../shared/bridging.repository';
import type { Tx } from '../shared/transaction';
import type { WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';

/**
 * Withdraws the entry's open offer, if any: the team's task closes on offer-withdrawn, and the
 * seat is released by the matcher after commit (never an HTTP call inside this transaction).
 */
export async function withdrawOpenOffer(
  tx: Tx,
  repo: BridgingRepository,
  entry: WaitlistEntry,
  offers: BridgingOffer[],
  reason: string,
): Promise<BridgingOffer | undefined> {
  const open = offers.find((o) => o.status === 'open');
  if (!open) return undefined;
  assertOfferMove(open.status, 'withdrawn');
  open.status = 'withdrawn';
  open.reason = reason;
  open.decidedAt = new Date();
  open.releasePending = true;
  await repo.saveOffer(open);
  await repo.signalMatcher();
  await tx.publish(offerOutcome('offerWithdrawn', entry, open, reason));
  return open;
}
