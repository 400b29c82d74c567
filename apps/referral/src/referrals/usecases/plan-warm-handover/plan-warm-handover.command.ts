import type { Principal } from '@samenspel/http';

export class PlanWarmHandoverCommand {
  readonly principal!: Principal;
  readonly referralId!: string;
  readonly proposedAt!: string;
  /** Who takes part, by role (care-worker, youth-worker, youth, guardian…): never names. */
  readonly participantRoles!: string[];
  readonly expectedVersion?: number;

  constructor(fields: PlanWarmHandoverCommand) {
    Object.assign(this, fields);
  }
}
