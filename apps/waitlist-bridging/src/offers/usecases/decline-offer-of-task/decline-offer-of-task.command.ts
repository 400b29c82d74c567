export class DeclineOfferOfTaskCommand {
  readonly offerId!: string;
  /** The team whose task was completed as declined: the offer's own team. */
  readonly teamId!: string;
  /** The task's reason code (OFFER_DECLINE_REASONS). */
  readonly reason!: string;

  constructor(fields: DeclineOfferOfTaskCommand) {
    Object.assign(this, fields);
  }
}
