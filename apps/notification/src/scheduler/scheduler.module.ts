import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { TasksModule } from '../tasks/tasks.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { Ticker } from './ticker';

/** The one tick of each instance: due follow-up steps, overdue tasks, then deliveries. */
@Module({
  imports: [FollowUpsModule, TasksModule, WebhooksModule],
  providers: [Ticker],
})
export class SchedulerModule {}
