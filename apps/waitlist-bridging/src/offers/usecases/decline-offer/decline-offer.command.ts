export class DeclineOfferCommand {
  /** The deciding team: a youth worker's or team lead's, or that of the task completed as declined. */
  readonly teamId!: string | undefined;
  readonly offerId!: string;
  /** A reason code, never free text about the youngster. */
  readonly reason!: string;

  constructor(fields: DeclineOfferCommand) {
    Object.assign(this, fields);
  }
}
