import type { HandoverState, StuckRule, TaskState, WaitlistEntryState } from '../domain/stuck-rules';

/** A flow that a stuck-flow rule flags. */
export interface StuckFlow {
  rule: StuckRule;
  youthRef: string | null;
  /** The record that is stuck: a waitlist entry, task, referral or dead-letter id. */
  ref: string;
  /** Since when it counts as stuck. */
  since: string;
}

/** A waitlist entry's flow state (`waitlist_entry_state`), as the ledger projects it. */
export interface WaitlistEntryFlow extends WaitlistEntryState {
  waitlistEntryId: string;
  youthRef: string;
}

/** A task's flow state (`task_state`). */
export interface TaskFlow extends TaskState {
  taskId: string;
  youthRef: string;
}

/** A handover's flow state (`handover_state`): a care-to-youth-work referral. */
export interface HandoverFlow extends HandoverState {
  referralId: string;
  youthRef: string;
}

/** A waitlist entry's times and municipality as the statement that recorded an event left them. */
export interface EntryTimes {
  enteredAt: Date | null;
  offeredAt: Date | null;
  municipalityCode: string | null;
}
