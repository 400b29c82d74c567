import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_LOGGER } from '@samenspel/http';
import type { Logger } from 'pino';
import { UnitsOfWork, type UnitOfWork } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { addWorkingDays } from '@samenspel/calendar';
import { DEFAULT_DUE_DATE_RULES } from '../domain/due-dates';
import { retryDelayMs, signPayload, SIGNATURE_HEADER } from '../domain/webhook-signature';
import { Mailer } from '../email/mailer';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../config/notification.config';
import { taskSourceKey } from '../tasks/task-sources';
import { CreateTaskCommand } from '../tasks/usecases/create-task/create-task.command';
import { CreateTask } from '../tasks/usecases/create-task/create-task.usecase';
import { DeliveriesRepository, type DeliveryRow } from './deliveries.repository';
import { WebhookClient } from './webhook-client';
import { WebhooksRepository } from './webhooks.repository';

/** A team task about the team itself (a disabled webhook) has no youngster; it carries this ref. */
export const NO_YOUNGSTER = 'no-youngster';

type Attempt =
  { ok: true; statusCode: number | null } | { ok: false; statusCode: number | null; error: string };

/**
 * Sends due webhook and e-mail deliveries. Rows are claimed with SKIP LOCKED, so instances share
 * the queue; each attempt is logged on its row. Failures retry with exponential backoff; a webhook
 * failing `WEBHOOK_DISABLE_AFTER_FAILURES` times in a row is disabled and its team gets a task.
 */
@Injectable()
export class DeliveryWorker {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly deliveries: DeliveriesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly mailer: Mailer,
    private readonly client: WebhookClient,
    private readonly createTask: CreateTask,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  run(now = new Date(), limit = 10): Promise<number> {
    return this.units.run(async (uow) => {
      const due = await this.deliveries.claimDue(uow.em, now, limit);
      for (const delivery of due) {
        if (delivery.channel === 'webhook') await this.deliverWebhook(uow, delivery);
        else await this.deliverEmail(uow.em, delivery);
      }
      return due.length;
    });
  }

  private async deliverWebhook(uow: UnitOfWork, delivery: DeliveryRow): Promise<void> {
    const { em } = uow;
    const webhook = await this.webhooks.lock(em, delivery.webhook_id!);
    if (!webhook || webhook.status !== 'active') {
      await this.deliveries.markAttemptFailed(em, delivery.id, {
        statusCode: null,
        error: 'webhook disabled',
        nextAttemptAt: null,
      });
      return;
    }
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    const attempt = await this.post(webhook.url, body, webhook.secret, delivery);
    if (attempt.ok) {
      await this.deliveries.markDelivered(em, delivery.id, attempt.statusCode);
      await this.webhooks.recordSuccess(em, webhook.id);
      return;
    }
    await this.recordFailure(em, delivery, attempt);
    const after = await this.webhooks.recordFailure(em, webhook.id);
    if (after.consecutive_failures >= this.config.WEBHOOK_DISABLE_AFTER_FAILURES) {
      await this.webhooks.disable(em, webhook.id);
      await this.deliveries.failPendingOfWebhook(em, webhook.id, 'webhook disabled');
      const now = new Date();
      await this.createTask.execute(
        new CreateTaskCommand({
          sourceKey: taskSourceKey.webhookDisabled(webhook.id, now),
          teamId: webhook.team_id,
          type: 'webhook-disabled',
          youthRef: NO_YOUNGSTER,
          dueAt: addWorkingDays(now, DEFAULT_DUE_DATE_RULES.webhookDisabledWorkingDays),
          context: { webhookId: webhook.id },
          now,
        }),
        uow,
      );
      this.logger.warn({ webhookId: webhook.id, teamId: webhook.team_id }, 'webhook disabled after failures');
    }
  }

  private async post(url: string, body: string, secret: string, delivery: DeliveryRow): Promise<Attempt> {
    const t = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signPayload(secret, body, t),
      'X-Samenspel-Event': delivery.event,
      'X-Samenspel-Delivery': delivery.id,
    };
    try {
      const status = await this.client.post(url, headers, body, this.config.WEBHOOK_TIMEOUT_MS);
      if (status >= 200 && status < 300) return { ok: true, statusCode: status };
      return { ok: false, statusCode: status, error: `HTTP ${status}` };
    } catch (error) {
      return { ok: false, statusCode: null, error: (error as Error).message };
    }
  }

  private async deliverEmail(em: EntityManager, delivery: DeliveryRow): Promise<void> {
    try {
      await this.mailer.sendTaskMail(delivery.recipient!, delivery.event, delivery.payload);
      await this.deliveries.markDelivered(em, delivery.id, null);
    } catch (error) {
      await this.recordFailure(em, delivery, {
        statusCode: null,
        error: (error as Error).message,
      });
    }
  }

  private async recordFailure(
    em: EntityManager,
    delivery: DeliveryRow,
    attempt: { statusCode: number | null; error: string },
  ) {
    const attempts = delivery.attempts + 1;
    const giveUp = attempts >= this.config.DELIVERY_MAX_ATTEMPTS;
    const delay = retryDelayMs(
      attempts,
      this.config.DELIVERY_BACKOFF_BASE_MS,
      this.config.DELIVERY_BACKOFF_MAX_MS,
    );
    await this.deliveries.markAttemptFailed(em, delivery.id, {
      statusCode: attempt.statusCode,
      error: attempt.error,
      nextAttemptAt: giveUp ? null : new Date(Date.now() + delay),
    });
  }
}
