import { FOLLOW_UP_OUTCOMES } from '@samenspel/contracts';

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Outcomes of every task but a follow-up step (whose outcomes move the referral's status). */
export const GENERAL_OUTCOMES = ['done', 'not-reached', 'declined', 'not-applicable'] as const;

/** Outcomes recorded by the events themselves when the source completes a task (accepted offer). */
export const SOURCE_OUTCOMES = ['accepted'] as const;

/** Reasons a task is cancelled: by its source event, or by a team-lead. */
export const CANCEL_REASONS = [
  'offer-withdrawn',
  'offer-declined',
  'offer-expired',
  'duplicate',
  'not-applicable',
  'other',
] as const;

export function outcomesFor(type: string): readonly string[] {
  return type === 'follow-up' ? FOLLOW_UP_OUTCOMES : GENERAL_OUTCOMES;
}

export type TaskAction = 'claim' | 'complete' | 'cancel';

/**
 * What an action does to a task in a status: `apply`, `noop` (already so: idempotent retry), or
 * `conflict`. Only the assignee re-claims without effect; another worker gets a conflict.
 */
export function decide(
  action: TaskAction,
  status: TaskStatus,
  opts: { assignee?: string | null; caller?: string } = {},
): 'apply' | 'noop' | 'conflict' {
  switch (action) {
    case 'claim':
      if (status === 'open') return 'apply';
      if (status === 'claimed') return opts.assignee === opts.caller ? 'noop' : 'conflict';
      return 'conflict';
    case 'complete':
      if (status === 'open' || status === 'claimed') return 'apply';
      return status === 'done' ? 'noop' : 'conflict';
    case 'cancel':
      if (status === 'open' || status === 'claimed') return 'apply';
      return status === 'cancelled' ? 'noop' : 'conflict';
  }
}

/**
 * The fields a completion sets. Whoever completes a task nobody claimed becomes its assignee; a
 * completion by the task's source (`by` null) names nobody, and a note replaces the task's only
 * when one is given.
 */
export function completion(
  task: { assignee: string | null },
  done: { outcome: string; by: string | null; note?: string; at: Date },
): { status: 'done'; outcome: string; completedAt: Date; assignee?: string; note?: string } {
  return {
    status: 'done',
    outcome: done.outcome,
    completedAt: done.at,
    ...(done.by && !task.assignee && { assignee: done.by }),
    ...(done.note !== undefined && { note: done.note }),
  };
}

/** The fields a cancellation sets, by the task's source or by a team-lead. */
export function cancellation(
  reason: string,
  at: Date,
): { status: 'cancelled'; cancelReason: string; cancelledAt: Date } {
  return { status: 'cancelled', cancelReason: reason, cancelledAt: at };
}
