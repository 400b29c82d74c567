import { runService } from '@samenspel/bootstrap';
import { ErasureModule, ErasureTombstones1767225600000, parseRetentionPeriod } from '@samenspel/erasure';
import { NotificationConfigModule } from './config/notification-config.module';
import { NotificationConfig } from './config/notification.config';
import { NotificationModule } from './notification.module';
import { NotificationEraser, NotificationRetention } from './privacy/notification-privacy';
import { Notification1764288000000 } from './migrations/1764288000000-notification';
import { TaskEntity } from './tasks/task.entity';

// Port 3004: tasks for youth-work teams, reminders, escalation, webhooks and e-mail.
void runService({
  name: 'notification',
  config: NotificationConfig,
  imports: (config) => [
    NotificationConfigModule.forRoot(config),
    NotificationModule.forRoot(config),
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
  migrations: [Notification1764288000000, ErasureTombstones1767225600000],
});
