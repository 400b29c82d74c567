export class TraceFlowCommand {
  /** The youngster whose flow is traced, as the path names it (not yet checked). */
  readonly youthRef!: string;

  constructor(fields: TraceFlowCommand) {
    Object.assign(this, fields);
  }
}
