import type { Principal } from '@samenspel/http';

export class AcceptOfferCommand {
  /** A youth worker or team lead of the team that owns the offered activity. */
  readonly principal!: Principal;
  readonly offerId!: string;

  constructor(fields: AcceptOfferCommand) {
    Object.assign(this, fields);
  }
}
