import type { Principal } from '@samenspel/http';
import type { YouthVoice } from '@samenspel/contracts';

export class CompleteFollowUpStepCommand {
  readonly principal!: Principal;
  readonly taskId!: string;
  readonly outcome!: string;
  /** The worker's own note: kept in this service, never in events, webhooks or e-mail. */
  readonly note?: string;
  /** Follow-up steps only: the youngster's own view, carried on task.completed and not kept here. */
  readonly youthVoice?: YouthVoice;

  constructor(fields: CompleteFollowUpStepCommand) {
    Object.assign(this, fields);
  }
}
