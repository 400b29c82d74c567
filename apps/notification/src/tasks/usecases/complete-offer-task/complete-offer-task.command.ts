export class CompleteOfferTaskCommand {
  /** The bridging offer the youngster accepted. */
  readonly offerId!: string;

  constructor(fields: CompleteOfferTaskCommand) {
    Object.assign(this, fields);
  }
}
