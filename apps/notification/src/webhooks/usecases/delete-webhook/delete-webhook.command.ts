import type { Principal } from '@samenspel/http';

export class DeleteWebhookCommand {
  readonly principal!: Principal;
  readonly webhookId!: string;

  constructor(fields: DeleteWebhookCommand) {
    Object.assign(this, fields);
  }
}
