import { Inject, Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../../../config/notification.config';
import { expandPlan, parseFollowUpPlans, planFor, type FollowUpPlans } from '../../../domain/follow-up-plan';
import { FollowUpsRepository } from '../../follow-ups.repository';
import type { StartFollowUpPlanCommand } from './start-follow-up-plan.command';

/** Schedules every step of the municipality's plan; a repeated handover schedules nothing new. */
@Injectable()
export class StartFollowUpPlan {
  private readonly plans: FollowUpPlans;

  constructor(
    private readonly followUps: FollowUpsRepository,
    @Inject(NOTIFICATION_CONFIG) config: NotificationConfig,
  ) {
    this.plans = parseFollowUpPlans(config.FOLLOW_UP_PLANS);
  }

  async execute(command: StartFollowUpPlanCommand, uow: UnitOfWork): Promise<void> {
    for (const step of expandPlan(planFor(this.plans, command.municipalityCode), command.start)) {
      await this.followUps.schedule(uow.em, {
        referral_id: command.referralId,
        step: step.step,
        team_id: command.teamId,
        youth_ref: command.youthRef,
        municipality_code: command.municipalityCode ?? null,
        run_at: step.runAt,
        due_working_days: step.dueWorkingDays,
      });
    }
  }
}
