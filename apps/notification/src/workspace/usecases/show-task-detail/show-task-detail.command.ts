import type { Principal } from '@samenspel/http';

export class ShowTaskDetailCommand {
  readonly principal!: Principal;
  /** The worker's own token: each owner shows what it shows this worker. */
  readonly bearerToken!: string;
  readonly taskId!: string;

  constructor(fields: ShowTaskDetailCommand) {
    Object.assign(this, fields);
  }
}
