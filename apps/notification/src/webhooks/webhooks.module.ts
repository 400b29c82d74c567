import { Module } from '@nestjs/common';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config/notification.config';
import { EmailModule } from '../email/email.module';
import { TasksModule } from '../tasks/tasks.module';
import { DeliveryWorker } from './delivery-worker';
import { CreateWebhook } from './usecases/create-webhook/create-webhook.usecase';
import { DeleteWebhook } from './usecases/delete-webhook/delete-webhook.usecase';
import { EnableWebhook } from './usecases/enable-webhook/enable-webhook.usecase';
import { ListWebhookDeliveries } from './usecases/list-webhook-deliveries/list-webhook-deliveries.usecase';
import { ListWebhooks } from './usecases/list-webhooks/list-webhooks.usecase';
import { WebhookClient } from './webhook-client';
import { WebhooksController } from './webhooks.controller';

/** Signed webhooks, and the worker that sends every queued delivery, webhook or e-mail. */
@Module({
  imports: [TasksModule, EmailModule],
  controllers: [WebhooksController],
  providers: [
    {
      provide: WebhookClient,
      useFactory: (config: NotificationConfig) => new WebhookClient(config.WEBHOOK_ALLOWED_TARGETS),
      inject: [NOTIFICATION_CONFIG],
    },
    CreateWebhook,
    ListWebhooks,
    ListWebhookDeliveries,
    EnableWebhook,
    DeleteWebhook,
    DeliveryWorker,
  ],
  exports: [DeliveryWorker],
})
export class WebhooksModule {}
