import type { TaskContext } from '../../task.entity';

export class CompleteSourcedTaskCommand {
  /** The task's source key (task-sources.ts): the offer accepted, the warm handover recorded. */
  readonly sourceKey!: string;
  /** accepted (an offer), done or not-reached (a warm handover). */
  readonly outcome!: string;
  /** Identifiers the fact adds to the task's context, such as the placement an accepted offer confirmed. */
  readonly context?: Partial<TaskContext>;

  constructor(fields: CompleteSourcedTaskCommand) {
    Object.assign(this, fields);
  }
}
