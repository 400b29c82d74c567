import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { OffersRepository } from '../../offers.repository';
import { DeclineOfferCommand } from '../decline-offer/decline-offer.command';
import { DeclineOffer } from '../decline-offer/decline-offer.usecase';
import type { DeclineOfferOfTaskCommand } from './decline-offer-of-task.command';

/**
 * The team completed the offer's task as declined (notification's task.completed): the offer is
 * declined as through the API, which frees the seat and re-matches the queue. An offer that is no
 * longer open (declined before, accepted, lapsed or withdrawn) stays as it is: the event is a
 * repeat or came too late, and declining it would undo what happened since.
 */
@Injectable()
export class DeclineOfferOfTask {
  constructor(
    private readonly offers: OffersRepository,
    private readonly declineOffer: DeclineOffer,
  ) {}

  async execute(command: DeclineOfferOfTaskCommand, uow: UnitOfWork): Promise<'declined' | 'not-open'> {
    const offer = await this.offers.find(uow.em, command.offerId);
    if (offer?.status !== 'open') return 'not-open';
    await this.declineOffer.execute(new DeclineOfferCommand(command), uow);
    return 'declined';
  }
}
