import type { Principal } from '@samenspel/http';

export class ReassignFollowUpCommand {
  readonly principal!: Principal;
  readonly youthRef!: string;
  /** The worker of the team who takes the follow-up over. */
  readonly worker!: string;

  constructor(fields: ReassignFollowUpCommand) {
    Object.assign(this, fields);
  }
}
