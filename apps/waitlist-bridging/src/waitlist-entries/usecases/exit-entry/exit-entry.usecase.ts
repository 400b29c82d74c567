import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { assertEntryMove } from '../../../domain/bridging-lifecycle';
import { weeksBridged } from '../../../domain/bridging-measures';
import { OffersRepository } from '../../../offers/offers.repository';
import { WithdrawOpenOfferCommand } from '../../../offers/usecases/withdraw-open-offer/withdraw-open-offer.command';
import { WithdrawOpenOffer } from '../../../offers/usecases/withdraw-open-offer/withdraw-open-offer.usecase';
import { ended } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../waitlist-entries.repository';
import type { ExitEntryCommand } from './exit-entry.command';

/**
 * The youngster left the waiting list. An open offer is withdrawn and its seat released (the
 * team's task closes). An accepted placement is never cancelled from here: with care-started it
 * goes on (the care worker can join the group) and the team gets a task to agree the next step;
 * `ended` says so with placementContinues and the team.
 */
@Injectable()
export class ExitEntry {
  constructor(
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    private readonly withdrawOpenOffer: WithdrawOpenOffer,
  ) {}

  async execute(command: ExitEntryCommand, uow: UnitOfWork): Promise<'unknown' | 'ended' | 'already-ended'> {
    const d = command.data;
    const entry = await this.entries.lock(uow.em, d.waitlistEntryId);
    if (!entry || entry.youthRef !== d.youthRef) return 'unknown';
    if (entry.status === 'ended') return 'already-ended';
    const offers = await this.offers.ofEntry(uow.em, entry.waitlistEntryId);
    await this.withdrawOpenOffer.execute(
      new WithdrawOpenOfferCommand({ entry, offers, reason: d.reason }),
      uow,
    );
    const accepted = offers.find((o) => o.status === 'accepted');
    assertEntryMove(entry.status, 'ended');
    entry.status = 'ended';
    entry.exitReason = d.reason;
    entry.exitedAt = new Date(d.exitedAt);
    await this.entries.save(uow.em, entry);
    const weeks =
      accepted && entry.acceptedAt
        ? weeksBridged({
            acceptedAt: entry.acceptedAt,
            enteredAt: entry.enteredAt,
            expectedWaitWeeks: entry.expectedWaitWeeks,
            exitedAt: entry.exitedAt,
          })
        : undefined;
    await uow.publish(ended(entry, { reason: d.reason, accepted, weeksBridged: weeks }));
    return 'ended';
  }
}
