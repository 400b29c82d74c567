import type { Principal } from '@samenspel/http';
import type { TaskStatus } from '../../../domain/task-lifecycle';

export class ListTasksCommand {
  readonly principal!: Principal;
  /** A team role's own team is taken when it names none. */
  readonly teamId?: string;
  readonly status?: TaskStatus[];
  readonly type?: string;
  readonly dueBefore?: Date;
  readonly limit!: number;
  readonly offset!: number;

  constructor(fields: ListTasksCommand) {
    Object.assign(this, fields);
  }
}
