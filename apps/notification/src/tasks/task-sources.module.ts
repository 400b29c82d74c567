import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { TaskSourcesController } from './task-sources.controller';
import { TasksModule } from './tasks.module';

/**
 * The other services' events as tasks. A module of its own, above tasks and follow-ups: a handover
 * starts a follow-up plan, whose due steps the follow-ups feature turns into tasks.
 */
@Module({
  imports: [TasksModule, FollowUpsModule],
  controllers: [TaskSourcesController],
})
export class TaskSourcesModule {}
