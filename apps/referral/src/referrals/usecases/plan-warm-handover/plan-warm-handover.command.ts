import type { Principal } from '@samenspel/http';

export interface PlanWarmHandoverCommand {
  referralId: string;
  proposedAt: string;
  /** Who takes part, by role (care-worker, youth-worker, youth, guardian…): never names. */
  participantRoles: string[];
  expectedVersion?: number;
  principal: Principal;
}
