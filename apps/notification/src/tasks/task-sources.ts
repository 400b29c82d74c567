import type { TASK_TYPES } from '@samenspel/contracts';

type TaskType = (typeof TASK_TYPES)[number];

const key = (type: TaskType, ...parts: string[]) => [type, ...parts].join(':');

/**
 * The source key of every kind of task: what created it, unique per task, so that creating it again
 * (a redelivered event, the same fact re-sent with a new event id, a retried step) inserts nothing.
 * Each key starts with the type of its task.
 */
export const taskSourceKey = {
  bridgingOffer: (offerId: string) => key('bridging-offer', offerId),
  careStarted: (waitlistEntryId: string) => key('care-started', waitlistEntryId),
  intake: (type: 'handover-intake' | 'referral-intake', referralId: string) => key(type, referralId),
  /** A meeting moved to another moment is a new meeting to prepare. */
  warmHandover: (referralId: string, proposedAt: Date) =>
    key('warm-handover', referralId, proposedAt.toISOString()),
  followUp: (referralId: string, step: string) => key('follow-up', referralId, step),
  /** Each time a webhook is disabled is news to its team, also after it was enabled again. */
  webhookDisabled: (webhookId: string, disabledAt: Date) =>
    key('webhook-disabled', webhookId, String(disabledAt.getTime())),
};
