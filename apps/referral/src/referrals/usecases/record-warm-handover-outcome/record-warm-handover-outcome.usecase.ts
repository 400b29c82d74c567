import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { NoWarmHandover, REFERRAL_EVENT_TYPES } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { changeWarmHandover } from '../../change-warm-handover';
import type { ReferralEntity } from '../../referral.entity';
import { ReferralsRepository } from '../../referrals.repository';
import type { RecordWarmHandoverOutcomeCommand } from './record-warm-handover-outcome.command';

/**
 * Records whether the planned warm handover took place, and emits `warm-handover-recorded`: the
 * notification service completes the meeting's task with it, and the ops console counts a warm
 * handover that took place as the handover's first contact.
 */
@Injectable()
export class RecordWarmHandoverOutcome {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: RecordWarmHandoverOutcomeCommand, uow: UnitOfWork): Promise<ReferralEntity> {
    return changeWarmHandover(this.referrals, uow, command, {
      next: ({ warmHandover }) => {
        if (!warmHandover) throw new NoWarmHandover();
        return { ...warmHandover, tookPlace: command.tookPlace, recordedAt: this.clock.now().toISOString() };
      },
      eventType: REFERRAL_EVENT_TYPES.warmHandoverRecorded,
      eventData: ({ tookPlace, recordedAt }) => ({ tookPlace, recordedAt }),
    });
  }
}
