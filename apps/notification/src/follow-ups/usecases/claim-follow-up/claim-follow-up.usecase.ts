import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import type { FollowUpClaimView } from '../../dto/follow-up-claim.view';
import { FollowUpHolder } from '../../follow-up-holder';
import type { ClaimFollowUpCommand } from './claim-follow-up.command';

/**
 * The worker takes the youngster's follow-up as their own: its open steps now, and every step the
 * scheduler creates later, are theirs. Claiming it again changes nothing; another holder gives 409.
 */
@Injectable()
export class ClaimFollowUp {
  constructor(private readonly holder: FollowUpHolder) {}

  execute(command: ClaimFollowUpCommand, uow: UnitOfWork): Promise<FollowUpClaimView> {
    return this.holder.change(uow, command.principal, command.youthRef, 'claim', command.principal.sub);
  }
}
