export class RequestErasureCommand {
  readonly youthRef!: string;
  /** A short code, never free text. */
  readonly reason?: string;
  /** The admin's token subject. */
  readonly requestedBy!: string;

  constructor(fields: RequestErasureCommand) {
    Object.assign(this, fields);
  }
}
