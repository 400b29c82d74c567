import { FOLLOW_UP_OUTCOMES, OFFER_DECLINE_REASONS } from '@samenspel/contracts';

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
 * `conflict`. Only the assignee re-claims without effect; another worker gets a conflict. A done
 * task completed again is a repeated click only when the same worker asks for the same outcome;
 * anyone else, or another outcome, gets a conflict (a check without `completedBy` asks no more).
 */
export function decide(
  action: TaskAction,
  status: TaskStatus,
  opts: {
    assignee?: string | null;
    caller?: string;
    completion?: { completedBy: string | null; outcome: string | null; requested: string };
  } = {},
): 'apply' | 'noop' | 'conflict' {
  switch (action) {
    case 'claim':
      if (status === 'open') return 'apply';
      if (status === 'claimed') return opts.assignee === opts.caller ? 'noop' : 'conflict';
      return 'conflict';
    case 'complete':
      if (status === 'open' || status === 'claimed') return 'apply';
      if (status !== 'done') return 'conflict';
      if (!opts.completion) return 'noop';
      return opts.completion.completedBy === opts.caller &&
        opts.completion.outcome === opts.completion.requested
        ? 'noop'
        : 'conflict';
    case 'cancel':
      if (status === 'open' || status === 'claimed') return 'apply';
      return status === 'cancelled' ? 'noop' : 'conflict';
  }
}

/**
 * The reason code a completion carries: a declined bridging offer must say why, in the documented
 * vocabulary, because the offer is declined with it; no other completion takes one.
 */
export function outcomeReasonFor(
  type: string,
  outcome: string,
  reason: string | undefined,
): { ok: true; reason: string | null } | { ok: false; allowed: readonly string[] } {
  if (type === 'bridging-offer' && outcome === 'declined') {
    return reason && (OFFER_DECLINE_REASONS as readonly string[]).includes(reason)
      ? { ok: true, reason }
      : { ok: false, allowed: OFFER_DECLINE_REASONS };
  }
  return reason === undefined ? { ok: true, reason: null } : { ok: false, allowed: [] };
}

/**
 * The fields a completion sets. Whoever completes a task nobody claimed becomes its assignee; a
 * completion by the task's source (`by` null) names nobody, and a note replaces the task's only
 * when one is given.
 */
export function completion(
  task: { assignee: string | null },
  done: { outcome: string; by: string | null; note?: string; at: Date; reason?: string | null },
): {
  status: 'done';
  outcome: string;
  outcomeReason: string | null;
  completedBy: string | null;
  completedAt: Date;
  assignee?: string;
  note?: string;
} {
  return {
    status: 'done',
    outcome: done.outcome,
    outcomeReason: done.reason ?? null,
    completedBy: done.by,
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
