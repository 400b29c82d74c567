import type { Principal } from '@samenspel/http';

export class ClaimFollowUpCommand {
  readonly principal!: Principal;
  readonly youthRef!: string;

  constructor(fields: ClaimFollowUpCommand) {
    Object.assign(this, fields);
  }
}
