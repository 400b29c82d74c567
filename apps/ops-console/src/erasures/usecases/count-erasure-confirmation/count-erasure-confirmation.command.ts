export class CountErasureConfirmationCommand {
  /** The confirmation event's id. */
  readonly eventId!: string;
  /** The confirmation event's source: the console's own for its own confirmation. */
  readonly source!: string;
  readonly youthRef!: string;
  /** The service that confirmed. */
  readonly service!: string;
  readonly erasedAt!: Date;

  constructor(fields: CountErasureConfirmationCommand) {
    Object.assign(this, fields);
  }
}
