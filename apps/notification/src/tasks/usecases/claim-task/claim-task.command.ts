import type { Principal } from '@samenspel/http';

export class ClaimTaskCommand {
  readonly principal!: Principal;
  readonly taskId!: string;

  constructor(fields: ClaimTaskCommand) {
    Object.assign(this, fields);
  }
}
