import type { Principal } from '@samenspel/http';

export class DeclineOfferCommand {
  /** A youth worker or team lead of the team that owns the offered activity. */
  readonly principal!: Principal;
  readonly offerId!: string;
  /** A reason code, never free text about the youngster. */
  readonly reason!: string;

  constructor(fields: DeclineOfferCommand) {
    Object.assign(this, fields);
  }
}
