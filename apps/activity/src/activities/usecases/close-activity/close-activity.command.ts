import type { Principal } from '@samenspel/http';

export class CloseActivityCommand {
  readonly principal!: Principal;
  readonly activityId!: string;
  /** Required when the activity has active placements: each is released with it. */
  readonly reason?: string;

  constructor(fields: CloseActivityCommand) {
    Object.assign(this, fields);
  }
}
