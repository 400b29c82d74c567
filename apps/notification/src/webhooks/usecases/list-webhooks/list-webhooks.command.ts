import type { Principal } from '@samenspel/http';

export class ListWebhooksCommand {
  readonly principal!: Principal;
  /** A team role's own team is taken when it names none; an operator must name one. */
  readonly teamId?: string;

  constructor(fields: ListWebhooksCommand) {
    Object.assign(this, fields);
  }
}
