import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { FollowUpScheduler } from './follow-up-scheduler';
import { StartFollowUpPlan } from './usecases/start-follow-up-plan/start-follow-up-plan.usecase';

/** The follow-up plan after a handover: its steps scheduled in PostgreSQL, and their tasks when due. */
@Module({
  imports: [TasksModule],
  providers: [StartFollowUpPlan, FollowUpScheduler],
  exports: [StartFollowUpPlan, FollowUpScheduler],
})
export class FollowUpsModule {}
