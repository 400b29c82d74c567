import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { assertOfferMove } from '../../../domain/bridging-lifecycle';
import { MatcherSignal } from '../../../matching/matcher.signal';
import { offerOutcome } from '../../../shared/bridging-events';
import type { BridgingOffer } from '../../bridging-offer.entity';
import { OffersRepository } from '../../offers.repository';
import type { WithdrawOpenOfferCommand } from './withdraw-open-offer.command';

/**
 * Withdraws the entry's open offer, if any: the team's task closes on offer-withdrawn, and the
 * seat is released by the matcher after commit (never an HTTP call inside this transaction).
 */
@Injectable()
export class WithdrawOpenOffer {
  constructor(
    private readonly offers: OffersRepository,
    private readonly matcher: MatcherSignal,
    private readonly clock: Clock,
  ) {}

  async execute(command: WithdrawOpenOfferCommand, uow: UnitOfWork): Promise<BridgingOffer | undefined> {
    const { entry, reason } = command;
    const open = command.offers.find((o) => o.status === 'open');
    if (!open) return undefined;
    assertOfferMove(open.status, 'withdrawn');
    open.status = 'withdrawn';
    open.reason = reason;
    open.decidedAt = this.clock.now();
    open.releasePending = true;
    await this.offers.save(uow.em, open);
    await this.matcher.wake(uow.em);
    await uow.publish(offerOutcome('offerWithdrawn', entry, open, reason));
    return open;
  }
}
