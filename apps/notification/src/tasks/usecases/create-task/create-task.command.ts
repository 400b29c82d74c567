import type { TaskContext } from '../../task.entity';

export class CreateTaskCommand {
  /** What created the task (task-sources.ts): a second command with the same key creates nothing. */
  readonly sourceKey!: string;
  readonly teamId!: string;
  readonly type!: string;
  readonly youthRef!: string;
  readonly dueAt!: Date;
  readonly context!: TaskContext;
  readonly offerId?: string;
  readonly referralId?: string;
  readonly activityId?: string;
  readonly step?: string;
  /** The worker holding the youngster's follow-up: the task starts claimed by them. */
  readonly assignee?: string;
  /** The moment of creation: the priority depends on how much time is left from it. */
  readonly now!: Date;

  constructor(fields: CreateTaskCommand) {
    Object.assign(this, fields);
  }
}
