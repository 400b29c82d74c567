export class RecordErasureRequestCommand {
  /** The request event's id: the request's id, for which the confirmations are counted. */
  readonly requestId!: string;
  /** The request event's source: the console's own for a request filed through its admin API. */
  readonly source!: string;
  readonly youthRef!: string;
  readonly requestedAt!: Date;

  constructor(fields: RecordErasureRequestCommand) {
    Object.assign(this, fields);
  }
}
