export class ExpireOfferCommand {
  /** The lapsed placement's reference: our offer id. */
  readonly offerId!: string;

  constructor(fields: ExpireOfferCommand) {
    Object.assign(this, fields);
  }
}
