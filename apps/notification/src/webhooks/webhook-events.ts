/** What a webhook can subscribe to: the task lifecycle, plus reminders (not on Kafka). */
export const WEBHOOK_EVENTS = [
  'task.created',
  'task.claimed',
  'task.completed',
  'task.cancelled',
  'task.overdue',
  'task.reminder',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** `released`: a task given back to the team (its follow-up released); on the live stream only. */
export type TaskAnnouncement =
  'created' | 'claimed' | 'released' | 'completed' | 'cancelled' | 'overdue' | 'reminder';
