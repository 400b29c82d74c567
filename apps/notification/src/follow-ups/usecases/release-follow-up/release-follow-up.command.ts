import type { Principal } from '@samenspel/http';

export class ReleaseFollowUpCommand {
  readonly principal!: Principal;
  readonly youthRef!: string;

  constructor(fields: ReleaseFollowUpCommand) {
    Object.assign(this, fields);
  }
}
