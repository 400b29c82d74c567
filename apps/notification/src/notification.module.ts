import { Module, type DynamicModule } from '@nestjs/common';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import { Mailer } from './email/mailer';
import { TeamContactsController } from './email/team-contacts.controller';
import { SetTeamContacts } from './email/usecases/set-team-contacts/set-team-contacts.usecase';
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
import { CreateWebhook } from './webhooks/usecases/create-webhook/create-webhook.usecase';
import { EnableWebhook } from './webhooks/usecases/enable-webhook/enable-webhook.usecase';
import { ListWebhookDeliveries } from './webhooks/usecases/list-webhook-deliveries/list-webhook-deliveries.usecase';
import { ListWebhooks } from './webhooks/usecases/list-webhooks/list-webhooks.usecase';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Tasks from events, the follow-up scheduler, reminders and escalation, and the delivery channels. */
@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      controllers: [TasksController, TaskSourcesController, WebhooksController, TeamContactsController],
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
        CreateWebhook,
        ListWebhooks,
        ListWebhookDeliveries,
        EnableWebhook,
        DeliveryWorker,
        SetTeamContacts,
        Mailer,
        Ticker,
        TaskChangeFeed,
        InboxPage,
      ],
    };
  }
}
