import type { Principal } from '@samenspel/http';

export class CompleteFollowUpStepCommand {
  readonly principal!: Principal;
  readonly taskId!: string;
  readonly outcome!: string;
  /** The worker's own note: kept in this service, never in events, webhooks or e-mail. */
  readonly note?: string;

  constructor(fields: CompleteFollowUpStepCommand) {
    Object.assign(this, fields);
  }
}
