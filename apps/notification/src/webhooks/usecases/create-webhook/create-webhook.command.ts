import type { Principal } from '@samenspel/http';

export class CreateWebhookCommand {
  readonly principal!: Principal;
  readonly url!: string;
  readonly events!: string[];
  /** Only an operator names the team; a team-lead's webhook is for their own team. */
  readonly teamId?: string;

  constructor(fields: CreateWebhookCommand) {
    Object.assign(this, fields);
  }
}
