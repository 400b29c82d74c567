import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { toWebhookView, type WebhookView } from '../../dto/webhook.view';
import { assertWebhookVisible } from '../../webhook-access';
import { WebhooksRepository } from '../../webhooks.repository';
import type { EnableWebhookCommand } from './enable-webhook.command';

/** Turns a webhook on again with its count of failures reset, whether it was disabled or not. */
@Injectable()
export class EnableWebhook {
  constructor(private readonly webhooks: WebhooksRepository) {}

  async execute(command: EnableWebhookCommand, uow: UnitOfWork): Promise<WebhookView> {
    const { principal, webhookId } = command;
    assertWebhookVisible(principal, await this.webhooks.find(uow.em, webhookId), webhookId);
    await this.webhooks.enable(uow.em, webhookId);
    return toWebhookView((await this.webhooks.find(uow.em, webhookId))!);
  }
}
