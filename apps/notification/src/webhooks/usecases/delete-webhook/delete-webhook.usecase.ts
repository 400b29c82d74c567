import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { DeliveriesRepository } from '../../deliveries.repository';
import { assertWebhookVisible } from '../../webhook-access';
import { WebhooksRepository } from '../../webhooks.repository';
import type { DeleteWebhookCommand } from './delete-webhook.command';

/**
 * Removes a webhook with its delivery log and its pending deliveries, so nothing more is sent to
 * it. A delivery enqueued in the same moment goes with it (its foreign key cascades).
 */
@Injectable()
export class DeleteWebhook {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async execute(command: DeleteWebhookCommand, uow: UnitOfWork): Promise<void> {
    const { principal, webhookId } = command;
    assertWebhookVisible(principal, await this.webhooks.find(uow.em, webhookId), webhookId);
    await this.deliveries.deleteOfWebhook(uow.em, webhookId);
    await this.webhooks.delete(uow.em, webhookId);
  }
}
