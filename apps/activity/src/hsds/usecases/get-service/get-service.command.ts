export class GetServiceCommand {
  /** The activity id. */
  readonly serviceId!: string;

  constructor(fields: GetServiceCommand) {
    Object.assign(this, fields);
  }
}
