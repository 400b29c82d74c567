import type { Principal } from '@samenspel/http';

export class EnableWebhookCommand {
  readonly principal!: Principal;
  readonly webhookId!: string;

  constructor(fields: EnableWebhookCommand) {
    Object.assign(this, fields);
  }
}
