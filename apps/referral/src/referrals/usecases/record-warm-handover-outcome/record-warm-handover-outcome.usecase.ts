import { Inject, Injectable } from '@nestjs/common';
import { NoWarmHandover } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { lockForChange } from '../../lock-for-change';
import type { ReferralEntity } from '../../referral.entity';
import { ReferralsRepository } from '../../referrals.repository';
import type { RecordWarmHandoverOutcomeCommand } from './record-warm-handover-outcome.command';

/**
 * Records whether the planned warm handover took place. No event: the contracts have none for
 * it yet (the task is completed in the notification service); the referral's version moves.
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
    const warmHandover = {
      ...referral.warmHandover,
      tookPlace: command.tookPlace,
      recordedAt: new Date().toISOString(),
    };
    await this.referrals.updateVersioned(em, referral.id, referral.version, { warmHandover });
    return Object.assign(referral, { warmHandover, version: referral.version + 1 });
  }
}
