import { addWorkingDays } from '@samenspel/calendar';

export const STUCK_RULES = [
  'waitlist-no-offer',
  'offer-task-unclaimed',
  'handover-no-first-contact',
  'dead-letter-unhandled',
] as const;
export type StuckRule = (typeof STUCK_RULES)[number];

export interface StuckThresholds {
  waitlistNoOfferSeconds: number;
  taskGraceSeconds: number;
  handoverWorkingDays: number;
  deadLetterSeconds: number;
}

export interface WaitlistEntryState {
  consent: boolean;
  enteredAt: Date;
  offeredAt: Date | null;
  queuedAt: Date | null;
  closedAt: Date | null;
}

export interface TaskState {
  taskType: string;
  offerId: string | null;
  dueAt: Date;
  claimedAt: Date | null;
  closedAt: Date | null;
}

export interface HandoverState {
  handedOverAt: Date;
  firstContactAt: Date | null;
  closedAt: Date | null;
}

export interface DeadLetterState {
  status: string;
  receivedAt: Date;
}

/** A consenting youngster on the waiting list who got neither an offer nor a place in the queue in time. */
export function isWaitlistEntryStuck(e: WaitlistEntryState, now: Date, t: StuckThresholds): boolean {
  if (!e.consent || e.offeredAt || e.queuedAt || e.closedAt) return false;
  return now.getTime() - e.enteredAt.getTime() >= t.waitlistNoOfferSeconds * 1000;
}

/** A task for a bridging offer that nobody claimed by its due date (plus grace). */
export function isOfferTaskStuck(task: TaskState, now: Date, t: StuckThresholds): boolean {
  if (!task.offerId && task.taskType !== 'bridging-offer') return false;
  if (task.claimedAt || task.closedAt) return false;
  return now.getTime() > task.dueAt.getTime() + t.taskGraceSeconds * 1000;
}

/** The moment a handover without first contact becomes stuck: N working days after it. */
export function handoverDeadline(handedOverAt: Date, t: StuckThresholds): Date {
  return addWorkingDays(handedOverAt, t.handoverWorkingDays);
}

export function isHandoverStuck(h: HandoverState, now: Date, t: StuckThresholds): boolean {
  if (h.firstContactAt || h.closedAt) return false;
  return now.getTime() > handoverDeadline(h.handedOverAt, t).getTime();
}

export function isDeadLetterStuck(d: DeadLetterState, now: Date, t: StuckThresholds): boolean {
  return d.status === 'open' && now.getTime() - d.receivedAt.getTime() >= t.deadLetterSeconds * 1000;
}
