import { Module } from '@nestjs/common';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config/notification.config';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { TasksModule } from '../tasks/tasks.module';
import { HttpOwningServices } from './http-owning-services.adapter';
import { OwningServicesPort } from './owning-services.port';
import { AcceptOfferTask } from './usecases/accept-offer-task/accept-offer-task.usecase';
import { DeclineOfferTask } from './usecases/decline-offer-task/decline-offer-task.usecase';
import { CompleteFollowUpStep } from './usecases/complete-follow-up-step/complete-follow-up-step.usecase';
import { RecordFirstContact } from './usecases/record-first-contact/record-first-contact.usecase';
import { ShowTeamOverview } from './usecases/show-team-overview/show-team-overview.usecase';
import { ShowTaskDetail } from './usecases/show-task-detail/show-task-detail.usecase';
import { WorkspaceController } from './workspace.controller';

/** The workspace page's routes: a worker's decisions, carried to the service that owns each. */
@Module({
  imports: [TasksModule, FollowUpsModule],
  controllers: [WorkspaceController],
  providers: [
    {
      provide: OwningServicesPort,
      inject: [NOTIFICATION_CONFIG],
      useFactory: (config: NotificationConfig) =>
        new HttpOwningServices(
          {
            'waitlist-bridging': config.BRIDGING_URL,
            activity: config.ACTIVITY_URL,
            referral: config.REFERRAL_URL,
          },
          config.OWNER_TIMEOUT_MS,
        ),
    },
    AcceptOfferTask,
    DeclineOfferTask,
    ShowTaskDetail,
    ShowTeamOverview,
    RecordFirstContact,
    CompleteFollowUpStep,
  ],
})
export class WorkspaceModule {}
