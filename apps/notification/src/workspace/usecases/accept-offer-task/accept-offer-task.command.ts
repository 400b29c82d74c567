import type { Principal } from '@samenspel/http';

export class AcceptOfferTaskCommand {
  readonly principal!: Principal;
  /** The worker's own token, with which bridging is asked. */
  readonly bearerToken!: string;
  readonly taskId!: string;

  constructor(fields: AcceptOfferTaskCommand) {
    Object.assign(this, fields);
  }
}
