import { Injectable } from '@nestjs/common';
import { WorkerNotInTeam } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import type { FollowUpClaimView } from '../../dto/follow-up-claim.view';
import { FollowUpClaimsRepository } from '../../follow-up-claims.repository';
import { FollowUpHolder } from '../../follow-up-holder';
import type { ReassignFollowUpCommand } from './reassign-follow-up.command';

/**
 * A team-lead hands the youngster's follow-up, with the previous holder's open steps, to another
 * worker of the team (one the team knows: 422 otherwise); the steps to come follow.
 */
@Injectable()
export class ReassignFollowUp {
  constructor(
    private readonly holder: FollowUpHolder,
    private readonly claims: FollowUpClaimsRepository,
  ) {}

  async execute(command: ReassignFollowUpCommand, uow: UnitOfWork): Promise<FollowUpClaimView> {
    const teamId = command.principal.teamId as string;
    if (!(await this.claims.isTeamWorker(uow.em, teamId, command.worker))) throw new WorkerNotInTeam();
    return this.holder.change(uow, command.principal, command.youthRef, 'reassign', command.worker);
  }
}
