import { globalModule, runService, type ServiceDefinition } from '@samenspel/bootstrap';
import { ErasureModule, ErasureTombstones1767225600000, parseRetentionPeriod } from '@samenspel/erasure';
import { BrowserSessionModule, WebSessions1796400000000 } from '@samenspel/http';
import { noteCipherFrom } from '@samenspel/persistence';
import { NOTIFICATION_CONFIG, NotificationConfig } from './config/notification.config';
import { EmailModule } from './email/email.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { InboxModule } from './inbox/inbox.module';
import { Notification1764288000000 } from './migrations/1764288000000-notification';
import { WebhookDelete1796083200000 } from './migrations/1796083200000-webhook-delete';
import { KnownTeams1796100000000 } from './migrations/1796100000000-known-teams';
import { FollowUpClaim1796200000000 } from './migrations/1796200000000-follow-up-claim';
import { TaskCompletion1796000000000 } from './migrations/1796000000000-task-completion';
import { NotificationEraser, NotificationRetention } from './privacy/notification-privacy';
import { SchedulerModule } from './scheduler/scheduler.module';
import { StoreModule } from './shared/store.module';
import { TaskSourcesModule } from './tasks/task-sources.module';
import { TaskEntity } from './tasks/task.entity';
import { TasksModule } from './tasks/tasks.module';
import { TeamsModule } from './teams/teams.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkspaceModule } from './workspace/workspace.module';

// Port 3004: tasks for youth-work teams, reminders, escalation, webhooks and e-mail.
export const NOTIFICATION_SERVICE: ServiceDefinition<NotificationConfig> = {
  name: 'notification',
  config: NotificationConfig,
  imports: (config) => [
    globalModule('NotificationConfigModule', [{ provide: NOTIFICATION_CONFIG, useValue: config }]),
    StoreModule,
    TasksModule,
    TaskSourcesModule,
    FollowUpsModule,
    WebhooksModule,
    EmailModule,
    TeamsModule,
    // People sign in to the workspace page; its session cookie authenticates the API and the stream.
    BrowserSessionModule.forService({
      service: 'notification',
      config,
      cipher: noteCipherFrom(config),
      landingPath: '/inbox',
    }),
    InboxModule,
    WorkspaceModule,
    SchedulerModule,
    ErasureModule.forService({
      service: 'notification',
      eraser: NotificationEraser,
      anonymiser: NotificationRetention,
      policy: {
        task: parseRetentionPeriod(config.RETENTION_TASK),
        delivery: parseRetentionPeriod(config.RETENTION_DELIVERY),
      },
      sweepIntervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
    }),
  ],
  entities: [TaskEntity],
  migrations: [
    Notification1764288000000,
    ErasureTombstones1767225600000,
    WebhookDelete1796083200000,
    KnownTeams1796100000000,
    TaskCompletion1796000000000,
    FollowUpClaim1796200000000,
    WebSessions1796400000000,
  ],
};

if (require.main === module) void runService(NOTIFICATION_SERVICE);
