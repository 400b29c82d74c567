export class CountFlowsCommand {
  /** How many event types to count, the most frequent first. */
  readonly limit!: number;

  constructor(fields: CountFlowsCommand) {
    Object.assign(this, fields);
  }
}
