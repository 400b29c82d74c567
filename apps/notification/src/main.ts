import { runService } from '@samenspel/bootstrap';
import { NotificationConfig } from './notification.config';
import { NotificationModule } from './notification.module';
import { Notification1764288000000 } from './migrations/1764288000000-notification';
import { TaskEntity } from './tasks/task.entity';

// Port 3004: tasks for youth-work teams, reminders, escalation, webhooks and e-mail.
void runService({
  name: 'notification',
  config: NotificationConfig,
  imports: (config) => [NotificationModule.forRoot(config)],
  entities: [TaskEntity],
  migrations: [Notification1764288000000],
});
