import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { REFERRAL_EVENT_TYPES, ReferralClosed } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { OPEN_STATUSES } from '../../../domain/referral-state-machine';
import { changeWarmHandover } from '../../change-warm-handover';
import type { ReferralEntity } from '../../referral.entity';
import { ReferralsRepository } from '../../referrals.repository';
import type { PlanWarmHandoverCommand } from './plan-warm-handover.command';

/**
 * Plans the joint meeting (warm overdracht) of care worker, youth worker and youngster, and emits
 * `warm-handover-planned`, which the notification service turns into a task for the team: the
 * receiving team of a referral to youth work, the referring team of a toeleiding.
 */
@Injectable()
export class PlanWarmHandover {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: PlanWarmHandoverCommand, uow: UnitOfWork): Promise<ReferralEntity> {
    return changeWarmHandover(this.referrals, uow, command, {
      next: (referral) => {
        if (!OPEN_STATUSES.includes(referral.status)) throw new ReferralClosed(referral.status);
        return {
          proposedAt: new Date(command.proposedAt).toISOString(),
          participantRoles: command.participantRoles,
          plannedAt: this.clock.now().toISOString(),
        };
      },
      eventType: REFERRAL_EVENT_TYPES.warmHandoverPlanned,
      eventData: (warmHandover) => ({ participantRoles: warmHandover.participantRoles }),
    });
  }
}
