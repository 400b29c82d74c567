import { Inject, Injectable } from '@nestjs/common';
import { UnitsOfWork } from '@samenspel/messaging';
import { escalationAt } from '../domain/due-dates';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { TaskAnnouncer } from '../tasks/task-announcer';
import { TaskRepository } from '../tasks/task.repository';

/**
 * Reminds and escalates overdue tasks. A task past its due date gets one reminder (to its assignee,
 * or the team when unclaimed); `ESCALATE_AFTER_WORKING_DAYS` working days after its due date it
 * escalates once: priority high, `task.overdue` on Kafka, the team-lead by e-mail and webhook.
 */
@Injectable()
export class OverdueMonitor {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly announcer: TaskAnnouncer,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async run(now = new Date(), limit = 100): Promise<void> {
    await this.units.run(async (uow) => {
      const tasks = new TaskRepository(uow.em);
      for (const task of await tasks.claimDueForReminder(now, limit)) {
        task.remindedAt = now;
        const saved = await tasks.save(task);
        await this.announcer.announce(uow, saved, 'reminder', task.assignee ? 'assignee' : 'team');
      }
    });
    await this.units.run(async (uow) => {
      const tasks = new TaskRepository(uow.em);
      const n = this.config.ESCALATE_AFTER_WORKING_DAYS;
      for (const task of await tasks.claimEscalationCandidates(now, n, limit)) {
        if (escalationAt(new Date(task.dueAt), n) > now) continue;
        task.escalatedAt = now;
        task.priority = 'high';
        const saved = await tasks.save(task);
        await this.announcer.announce(uow, saved, 'overdue', 'escalated-to-team-lead');
      }
    });
  }
}
