import { addWorkingDays } from '@samenspel/calendar';

/** How many Dutch working days a team has for each kind of task (configurable per deployment). */
export interface DueDateRules {
  bridgingOfferWorkingDays: number;
  handoverIntakeWorkingDays: number;
  referralIntakeWorkingDays: number;
  careStartedWorkingDays: number;
  webhookDisabledWorkingDays: number;
}

export const DEFAULT_DUE_DATE_RULES: DueDateRules = {
  bridgingOfferWorkingDays: 3,
  handoverIntakeWorkingDays: 5,
  referralIntakeWorkingDays: 5,
  careStartedWorkingDays: 5,
  webhookDisabledWorkingDays: 2,
};

/**
 * A bridging offer is due within its working days, but never after the offer expires: the team
 * must discuss it with the youngster while the seat is still held.
 */
export function bridgingOfferDueAt(createdAt: Date, expiresAt: Date, rules: DueDateRules): Date {
  const byRule = addWorkingDays(createdAt, rules.bridgingOfferWorkingDays);
  return expiresAt < byRule ? expiresAt : byRule;
}

/** A warm handover is due at the meeting itself; one planned in the past is due now. */
export function warmHandoverDueAt(createdAt: Date, proposedAt: Date): Date {
  return proposedAt < createdAt ? createdAt : proposedAt;
}

export type TaskPriority = 'normal' | 'high';

/** High when less than one working day is left at creation, or once the task escalated. */
export function priorityFor(createdAt: Date, dueAt: Date, escalated = false): TaskPriority {
  if (escalated) return 'high';
  return dueAt <= addWorkingDays(createdAt, 1) ? 'high' : 'normal';
}

/** When an overdue task goes to the team-lead: N working days after it was due (N = 0: at once). */
export function escalationAt(dueAt: Date, escalateAfterWorkingDays: number): Date {
  return addWorkingDays(dueAt, escalateAfterWorkingDays);
}
