import { Module, type DynamicModule } from '@nestjs/common';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import type { ReferralConfig } from '../config/referral.config';
import { TeamEventsController } from '../teams/team-events.controller';
import { TeamsModule } from '../teams/teams.module';
import { FOLLOW_UP_FINAL_STEPS, ReferralEventsController } from './referral-events.controller';
import { ReferralMetrics } from './referral-metrics';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsController } from './referrals.controller';
import { CreateReferral } from './usecases/create-referral/create-referral.usecase';
import { PlanWarmHandover } from './usecases/plan-warm-handover/plan-warm-handover.usecase';
import { RecordWarmHandoverOutcome } from './usecases/record-warm-handover-outcome/record-warm-handover-outcome.usecase';
import { RouteWaitingReferrals } from './usecases/route-waiting-referrals/route-waiting-referrals.usecase';
import { TransitionReferral } from './usecases/transition-referral/transition-referral.usecase';

@Module({})
export class ReferralsModule {
  static forRoot(config: ReferralConfig): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [TeamsModule],
      controllers: [ReferralsController, ReferralEventsController, TeamEventsController],
      providers: [
        { provide: NoteCipher, useFactory: () => noteCipherFrom(config) },
        { provide: FOLLOW_UP_FINAL_STEPS, useValue: config.FOLLOW_UP_FINAL_STEPS.split(',') },
        ReferralsRepository,
        ReferralMetrics,
        CreateReferral,
        TransitionReferral,
        PlanWarmHandover,
        RecordWarmHandoverOutcome,
        RouteWaitingReferrals,
      ],
      exports: [ReferralsRepository, TransitionReferral],
    };
  }
}
