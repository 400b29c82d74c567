export class CancelOfferTaskCommand {
  /** The bridging offer that was withdrawn, declined or expired. */
  readonly offerId!: string;
  /** offer-withdrawn, offer-declined or offer-expired. */
  readonly reason!: string;

  constructor(fields: CancelOfferTaskCommand) {
    Object.assign(this, fields);
  }
}
