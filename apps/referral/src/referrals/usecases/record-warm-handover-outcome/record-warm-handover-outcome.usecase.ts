import { Inject, Injectable } from '@nestjs/common';
import { NoWarmHandover, NoYouthWorkTeam, REFERRAL_EVENT_TYPES } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { lockForChange } from '../../lock-for-change';
import { referralEvent, youthWorkTeamOf, type ReferralEntity } from '../../referral.entity';
import { ReferralsRepository } from '../../referrals.repository';
import type { RecordWarmHandoverOutcomeCommand } from './record-warm-handover-outcome.command';

/**
 * Records whether the planned warm handover took place, and emits `warm-handover-recorded`: the
 * notification service completes the meeting's task with it, and the ops console counts a warm
 * handover that took place as the handover's first contact.
 */
@Injectable()
export class RecordWarmHandoverOutcome {
  constructor(@Inject(ReferralsRepository) private readonly referrals: ReferralsRepository) {}

  async execute(command: RecordWarmHandoverOutcomeCommand, uow: UnitOfWork): Promise<ReferralEntity> {
    const { em } = uow;
    const referral = await lockForChange(
      this.referrals,
      em,
      command.principal,
      command.referralId,
      command.expectedVersion,
    );
    if (!referral.warmHandover) throw new NoWarmHandover();
    const teamId = youthWorkTeamOf(referral);
    if (!teamId) throw new NoYouthWorkTeam();
    const warmHandover = {
      ...referral.warmHandover,
      tookPlace: command.tookPlace,
      recordedAt: new Date().toISOString(),
    };
    await this.referrals.updateVersioned(em, referral.id, referral.version, { warmHandover });
    await uow.publish(
      referralEvent(REFERRAL_EVENT_TYPES.warmHandoverRecorded, referral, {
        referralId: referral.id,
        youthRef: referral.youthRef,
        teamId,
        proposedAt: warmHandover.proposedAt,
        tookPlace: warmHandover.tookPlace,
        recordedAt: warmHandover.recordedAt,
      }),
    );
    return Object.assign(referral, { warmHandover, version: referral.version + 1 });
  }
}
