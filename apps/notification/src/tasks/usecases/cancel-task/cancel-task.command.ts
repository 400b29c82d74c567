import type { Principal } from '@samenspel/http';

export class CancelTaskCommand {
  readonly principal!: Principal;
  readonly taskId!: string;
  readonly reason!: string;

  constructor(fields: CancelTaskCommand) {
    Object.assign(this, fields);
  }
}
