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
export type TaskAnnouncement = 'created' | 'claimed' | 'completed' | 'cancelled' | 'overdue' | 'reminder';
