import { Module, type DynamicModule } from '@nestjs/common';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import { Mailer } from './email/mailer';
import { TeamContactsRepository } from './email/team-contacts.repository';
import { InboxPage } from './inbox/inbox-page';
import type { NotificationConfig } from './config/notification.config';
import { FollowUpScheduler } from './follow-ups/follow-up-scheduler';
import { FollowUpsRepository } from './follow-ups/follow-ups.repository';
import { StartFollowUpPlan } from './follow-ups/usecases/start-follow-up-plan/start-follow-up-plan.usecase';
import { OverdueMonitor } from './tasks/overdue-monitor';
import { Ticker } from './scheduler/ticker';
import { TaskChangeFeed } from './tasks/task-change-feed';
import { TaskAnnouncer } from './tasks/task-announcer';
import { TaskNoteEncryption } from './tasks/task-note-encryption';
import { TaskSourcesController } from './tasks/task-sources.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TasksController } from './tasks/tasks.controller';
import { CancelTask } from './tasks/usecases/cancel-task/cancel-task.usecase';
import { ClaimTask } from './tasks/usecases/claim-task/claim-task.usecase';
import { CompleteTask } from './tasks/usecases/complete-task/complete-task.usecase';
import { CancelOfferTask } from './tasks/usecases/cancel-offer-task/cancel-offer-task.usecase';
import { CompleteOfferTask } from './tasks/usecases/complete-offer-task/complete-offer-task.usecase';
import { CreateTask } from './tasks/usecases/create-task/create-task.usecase';
import { ListTasks } from './tasks/usecases/list-tasks/list-tasks.usecase';
import { DeliveriesRepository } from './webhooks/deliveries.repository';
import { DeliveryWorker } from './webhooks/delivery-worker';
import { WebhooksRepository } from './webhooks/webhooks.repository';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Tasks from events, the follow-up scheduler, reminders and escalation, and the delivery channels. */
@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      controllers: [TasksController, TaskSourcesController, WebhooksController],
      providers: [
        { provide: NoteCipher, useFactory: () => noteCipherFrom(config) },
        TasksRepository,
        WebhooksRepository,
        DeliveriesRepository,
        TeamContactsRepository,
        TaskNoteEncryption,
        TaskAnnouncer,
        CreateTask,
        ClaimTask,
        CompleteTask,
        CancelTask,
        CompleteOfferTask,
        CancelOfferTask,
        ListTasks,
        FollowUpsRepository,
        StartFollowUpPlan,
        FollowUpScheduler,
        OverdueMonitor,
        DeliveryWorker,
        Mailer,
        Ticker,
        TaskChangeFeed,
        InboxPage,
      ],
    };
  }
}
