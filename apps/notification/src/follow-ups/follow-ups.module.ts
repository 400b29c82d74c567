import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { FollowUpHolder } from './follow-up-holder';
import { FollowUpScheduler } from './follow-up-scheduler';
import { ClaimFollowUp } from './usecases/claim-follow-up/claim-follow-up.usecase';
import { ReassignFollowUp } from './usecases/reassign-follow-up/reassign-follow-up.usecase';
import { ReleaseFollowUp } from './usecases/release-follow-up/release-follow-up.usecase';
import { StartFollowUpPlan } from './usecases/start-follow-up-plan/start-follow-up-plan.usecase';

/**
 * The follow-up plan after a handover: its steps scheduled in PostgreSQL, their tasks when due, and
 * the worker who holds a youngster's follow-up.
 */
@Module({
  imports: [TasksModule],
  providers: [
    StartFollowUpPlan,
    FollowUpScheduler,
    FollowUpHolder,
    ClaimFollowUp,
    ReleaseFollowUp,
    ReassignFollowUp,
  ],
  exports: [StartFollowUpPlan, FollowUpScheduler, ClaimFollowUp, ReleaseFollowUp, ReassignFollowUp],
})
export class FollowUpsModule {}
