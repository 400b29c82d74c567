import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { DeliveriesRepository } from '../../deliveries.repository';
import { toDeliveryView, type DeliveryPage } from '../../dto/webhook.view';
import { assertWebhookVisible } from '../../webhook-access';
import { WebhooksRepository } from '../../webhooks.repository';
import type { ListWebhookDeliveriesCommand } from './list-webhook-deliveries.command';

/** A page of a webhook's delivery log, newest first; an admin also sees each receiver's last status and error. */
@Injectable()
export class ListWebhookDeliveries {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async execute(command: ListWebhookDeliveriesCommand, uow: UnitOfWork): Promise<DeliveryPage> {
    const { principal, webhookId } = command;
    assertWebhookVisible(principal, await this.webhooks.find(uow.em, webhookId), webhookId);
    const { items, total } = await this.deliveries.listForWebhook(
      uow.em,
      webhookId,
      command.limit,
      command.offset,
    );
    const withReceiverDetail = principal.role === 'admin';
    return { items: items.map((row) => toDeliveryView(row, withReceiverDetail)), total };
  }
}
