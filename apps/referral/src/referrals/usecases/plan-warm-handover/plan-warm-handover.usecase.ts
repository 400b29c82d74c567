import { Inject, Injectable } from '@nestjs/common';
import { NoYouthWorkTeam, REFERRAL_EVENT_TYPES, ReferralClosed } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { OPEN_STATUSES } from '../../../domain/referral-state-machine';
import { lockForChange } from '../../lock-for-change';
import {
  referralEvent,
  youthWorkTeamOf,
  type ReferralEntity,
  type WarmHandover,
} from '../../referral.entity';
import { ReferralsRepository } from '../../referrals.repository';
import type { PlanWarmHandoverCommand } from './plan-warm-handover.command';

/**
 * Plans the joint meeting (warm overdracht) of care worker, youth worker and youngster, and emits
 * `warm-handover-planned`, which the notification service turns into a task for the team: the
 * receiving team of a referral to youth work, the referring team of a toeleiding.
 */
@Injectable()
export class PlanWarmHandover {
  constructor(@Inject(ReferralsRepository) private readonly referrals: ReferralsRepository) {}

  async execute(command: PlanWarmHandoverCommand, uow: UnitOfWork): Promise<ReferralEntity> {
    const { em } = uow;
    const referral = await lockForChange(
      this.referrals,
      em,
      command.principal,
      command.referralId,
      command.expectedVersion,
    );
    if (!OPEN_STATUSES.includes(referral.status)) throw new ReferralClosed(referral.status);
    const teamId = youthWorkTeamOf(referral);
    if (!teamId) throw new NoYouthWorkTeam();
    const warmHandover: WarmHandover = {
      proposedAt: new Date(command.proposedAt).toISOString(),
      participantRoles: command.participantRoles,
      plannedAt: new Date().toISOString(),
    };
    await this.referrals.updateVersioned(em, referral.id, referral.version, { warmHandover });
    await uow.publish(
      referralEvent(REFERRAL_EVENT_TYPES.warmHandoverPlanned, referral, {
        referralId: referral.id,
        youthRef: referral.youthRef,
        teamId,
        proposedAt: warmHandover.proposedAt,
        participantRoles: warmHandover.participantRoles,
      }),
    );
    return Object.assign(referral, { warmHandover, version: referral.version + 1 });
  }
}
