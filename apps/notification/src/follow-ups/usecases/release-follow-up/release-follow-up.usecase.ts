import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import type { FollowUpClaimView } from '../../dto/follow-up-claim.view';
import { FollowUpHolder } from '../../follow-up-holder';
import type { ReleaseFollowUpCommand } from './release-follow-up.command';

/**
 * The holder, or a team-lead, gives the youngster's follow-up back to the team: the holder's open
 * steps become open for anyone again. Releasing a follow-up nobody holds changes nothing.
 */
@Injectable()
export class ReleaseFollowUp {
  constructor(private readonly holder: FollowUpHolder) {}

  execute(command: ReleaseFollowUpCommand, uow: UnitOfWork): Promise<FollowUpClaimView> {
    return this.holder.change(uow, command.principal, command.youthRef, 'release', null);
  }
}
