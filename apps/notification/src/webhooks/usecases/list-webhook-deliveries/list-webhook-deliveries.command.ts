import type { Principal } from '@samenspel/http';

export class ListWebhookDeliveriesCommand {
  readonly principal!: Principal;
  readonly webhookId!: string;
  readonly limit!: number;
  readonly offset!: number;

  constructor(fields: ListWebhookDeliveriesCommand) {
    Object.assign(this, fields);
  }
}
