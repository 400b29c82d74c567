import { Injectable } from '@nestjs/common';
import { REFERRAL_EVENT_TYPES } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { lockOrYield } from '@samenspel/persistence';
import { chooseReceivingTeam } from '../../../domain/routing-rule';
import { TeamsRepository } from '../../../teams/teams.repository';
import { referralCreatedEvent, type ReferralEntity } from '../../referral.entity';
import { ReferralsRepository } from '../../referrals.repository';
import type { RouteWaitingReferralsCommand } from './route-waiting-referrals.command';

/**
 * A team now serves these municipalities: every open referral to youth work there that had no
 * team is routed, oldest first, by the same rule and under the same per-municipality lock as a new
 * referral, and `referral.routed` gives the team its intake task (and, after care, the follow-up plan).
 */
@Injectable()
export class RouteWaitingReferrals {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async execute(command: RouteWaitingReferralsCommand, uow: UnitOfWork): Promise<ReferralEntity[]> {
    const routed: ReferralEntity[] = [];
    // In code order, so that two teams' events lock the same municipalities in the same order.
    for (const code of [...new Set(command.municipalityCodes)].sort()) {
      await lockOrYield(uow.em, `route:${code}`);
      for (const referral of await this.referrals.unroutedIn(uow.em, code)) {
        const teamId = chooseReceivingTeam(await this.teams.candidatesFor(uow.em, code));
        if (!teamId) break;
        await this.referrals.updateVersioned(uow.em, referral.id, referral.version, {
          receivingTeamId: teamId,
        });
        Object.assign(referral, { receivingTeamId: teamId, version: referral.version + 1 });
        await uow.publish(referralCreatedEvent(REFERRAL_EVENT_TYPES.routed, referral));
        routed.push(referral);
      }
    }
    return routed;
  }
}
