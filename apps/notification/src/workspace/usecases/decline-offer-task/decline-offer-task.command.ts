import type { Principal } from '@samenspel/http';

export class DeclineOfferTaskCommand {
  readonly principal!: Principal;
  readonly taskId!: string;
  /** OFFER_DECLINE_REASONS: the offer is declined with it. */
  readonly reason!: string;

  constructor(fields: DeclineOfferTaskCommand) {
    Object.assign(this, fields);
  }
}
