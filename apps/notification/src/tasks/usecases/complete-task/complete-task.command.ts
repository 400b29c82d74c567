import type { Principal } from '@samenspel/http';
import type { YouthVoice } from '@samenspel/contracts';

export class CompleteTaskCommand {
  readonly principal!: Principal;
  readonly taskId!: string;
  readonly outcome!: string;
  /** A declined bridging offer's reason code (OFFER_DECLINE_REASONS); no other completion has one. */
  readonly reason?: string;
  /** The worker's own note: kept in this service, never in events, webhooks or e-mail. */
  readonly note?: string;
  /** Follow-up steps only: the youngster's own view, carried on task.completed and not kept here. */
  readonly youthVoice?: YouthVoice;

  constructor(fields: CompleteTaskCommand) {
    Object.assign(this, fields);
  }
}
