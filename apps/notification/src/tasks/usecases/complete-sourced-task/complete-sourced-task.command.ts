export class CompleteSourcedTaskCommand {
  /** The task's source key (task-sources.ts): the offer accepted, the warm handover recorded. */
  readonly sourceKey!: string;
  /** accepted (an offer), done or not-reached (a warm handover). */
  readonly outcome!: string;

  constructor(fields: CompleteSourcedTaskCommand) {
    Object.assign(this, fields);
  }
}
