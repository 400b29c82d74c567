import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { UnitsOfWork } from '@samenspel/messaging';
import { escalationAt } from '../domain/due-dates';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { TaskAnnouncer } from './task-announcer';
import { TasksRepository } from './tasks.repository';

/**
 * Reminds and escalates overdue tasks. A task past its due date gets one reminder (to its assignee,
 * or the team when unclaimed); `ESCALATE_AFTER_WORKING_DAYS` working days after its due date it
 * escalates once: priority high, `task.overdue` on Kafka, the team-lead by e-mail and webhook.
 */
@Injectable()
export class OverdueMonitor {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly tasks: TasksRepository,
    private readonly announcer: TaskAnnouncer,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly clock: Clock,
  ) {}

  async run(now = this.clock.now(), limit = 100): Promise<void> {
    await this.units.run(async (uow) => {
      for (const task of await this.tasks.claimDueForReminder(uow.em, now, limit)) {
        task.remindedAt = now;
        const saved = await this.tasks.save(uow.em, task);
        await this.announcer.announce(uow, saved, 'reminder', task.assignee ? 'assignee' : 'team');
      }
    });
    await this.units.run(async (uow) => {
      const n = this.config.ESCALATE_AFTER_WORKING_DAYS;
      for (const task of await this.tasks.claimEscalationCandidates(uow.em, now, n, limit)) {
        if (escalationAt(new Date(task.dueAt), n) > now) continue;
        task.escalatedAt = now;
        task.priority = 'high';
        const saved = await this.tasks.save(uow.em, task);
        await this.announcer.announce(uow, saved, 'overdue', 'escalated-to-team-lead');
      }
    });
  }
}
