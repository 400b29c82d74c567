import type { Principal } from '@samenspel/http';

export class HoldPlacementCommand {
  readonly principal!: Principal;
  readonly activityId!: string;
  readonly youthRef!: string;
  /** The caller's idempotency reference: the same reference returns the same placement. */
  readonly reference!: string;
  readonly expiresAt?: Date;

  constructor(fields: HoldPlacementCommand) {
    Object.assign(this, fields);
  }
}
