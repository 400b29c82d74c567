import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ChangeActivityStatus } from './usecases/change-activity-status/change-activity-status.usecase';
import { CloseActivity } from './usecases/close-activity/close-activity.usecase';
import { CreateActivity } from './usecases/create-activity/create-activity.usecase';
import { UpdateActivity } from './usecases/update-activity/update-activity.usecase';

@Module({
  controllers: [ActivitiesController],
  providers: [CreateActivity, UpdateActivity, ChangeActivityStatus, CloseActivity],
  exports: [CreateActivity, ChangeActivityStatus],
})
export class ActivitiesModule {}
