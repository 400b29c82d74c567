import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { TASK_EVENT_TYPES, type TaskEventData, type YouthVoice } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { TeamContactsRepository } from '../email/team-contacts.repository';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { DeliveriesRepository } from '../webhooks/deliveries.repository';
import type { TaskAnnouncement } from '../webhooks/webhook-events';
import type { TaskEntity } from './task.entity';
import { toTaskView } from './dto/task.view';

/** The channel the stream instances LISTEN on; the payload is `{teamId, kind, task}`. */
export const TASK_CHANGES_CHANNEL = 'samenspel_task_changes';

const KAFKA_TYPES: Partial<Record<TaskAnnouncement, string>> = {
  created: TASK_EVENT_TYPES.created,
  claimed: TASK_EVENT_TYPES.claimed,
  completed: TASK_EVENT_TYPES.completed,
  cancelled: TASK_EVENT_TYPES.cancelled,
  overdue: TASK_EVENT_TYPES.overdue,
};

/**
 * Tells everyone about a task change, in the transaction of the change: the task event on
 * samenspel.task.v1 (outbox), the team's webhooks and e-mail (durable delivery queue), and the
 * live stream (pg_notify, delivered at commit to every instance).
 */
@Injectable()
export class TaskAnnouncer {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly contacts: TeamContactsRepository,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly clock: Clock,
  ) {}

  async announce(
    uow: UnitOfWork,
    task: TaskEntity,
    kind: TaskAnnouncement,
    reason?: string,
    youthVoice?: YouthVoice,
  ): Promise<void> {
    const { em } = uow;
    const now = this.clock.now();
    const data = taskEventData(task, now, reason);
    const kafkaType = KAFKA_TYPES[kind];
    if (kafkaType) {
      await uow.publish({
        type: kafkaType,
        key: task.youthRef,
        aggregateType: 'task',
        aggregateId: task.id,
        // The youngster's view is for the figures only: not for webhooks, e-mail or the live stream.
        data: youthVoice
          ? { ...data, youthVoice: { score: youthVoice.score, helped: [...new Set(youthVoice.helped)] } }
          : data,
      });
    }
    const payload = {
      type: `task.${kind}`,
      occurredAt: now.toISOString(),
      data,
      // A reminder is for the assignee when someone claimed the task, else for the whole team.
      ...(kind === 'reminder' && {
        remind: task.assignee ? { assignee: task.assignee } : { team: task.teamId },
      }),
    };
    await this.deliveries.enqueueWebhooks(em, task.teamId, `task.${kind}`, payload);
    const recipient = await this.emailRecipient(em, task.teamId, kind);
    if (recipient) await this.deliveries.enqueueEmail(em, task.teamId, recipient, `task.${kind}`, payload);
    const notice = JSON.stringify({ teamId: task.teamId, kind, task: toTaskView(task) });
    // NOTIFY payloads are limited to 8000 bytes; a task view is far below that (no free text but the note).
    await em.query(`SELECT pg_notify($1, $2)`, [
      TASK_CHANGES_CHANNEL,
      notice.length < 7900 ? notice : JSON.stringify({ teamId: task.teamId, kind, task: { id: task.id } }),
    ]);
  }

  /** New tasks and reminders go to the team's inbox address, escalations to its team-lead. */
  private async emailRecipient(em: EntityManager, teamId: string, kind: TaskAnnouncement) {
    if (!this.config.SMTP_URL) return undefined;
    if (kind !== 'created' && kind !== 'reminder' && kind !== 'overdue') return undefined;
    const contact = await this.contacts.find(em, teamId);
    if (!contact) return undefined;
    return kind === 'overdue' ? (contact.teamLeadEmail ?? contact.teamEmail) : contact.teamEmail;
  }
}

export function taskEventData(task: TaskEntity, at: Date, reason?: string): TaskEventData {
  const data: TaskEventData = {
    taskId: task.id,
    teamId: task.teamId,
    type: task.type,
    youthRef: task.youthRef,
    dueAt: new Date(task.dueAt).toISOString(),
    at: at.toISOString(),
  };
  if (task.referralId) data.referralId = task.referralId;
  if (task.offerId) data.offerId = task.offerId;
  if (task.activityId) data.activityId = task.activityId;
  if (task.step) data.step = task.step;
  if (task.outcome && task.status === 'done') data.outcome = task.outcome;
  const why =
    reason ??
    (task.status === 'cancelled' ? task.cancelReason : task.status === 'done' ? task.outcomeReason : null) ??
    undefined;
  if (why) data.reason = why;
  return data;
}
