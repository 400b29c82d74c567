/**
 * Every Kafka topic Samenspel uses, with its partition count and retention. Topics are created
 * explicitly (never auto-created) from this list; every consumed topic has its `<topic>.dlq`.
 * Inbound topics from jeugdzorg intake systems get 6 partitions, so that up to six consumer
 * instances share them; all topics are keyed by youthRef so one youngster's events stay in order.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
  /** Who writes to it. */
  producedBy: string;
  description: string;
}

const DAY = 24 * 60 * 60 * 1000;

export const TOPICS = {
  waitlist: 'jeugdzorg.waitlist.v1',
  trajectory: 'jeugdzorg.trajectory.v1',
  jeugdzorgReferral: 'jeugdzorg.referral.v1',
  jeugdzorgPrivacy: 'jeugdzorg.privacy.v1',
  activity: 'samenspel.activity.v1',
  bridging: 'samenspel.bridging.v1',
  referral: 'samenspel.referral.v1',
  task: 'samenspel.task.v1',
  privacy: 'samenspel.privacy.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_SPECS: readonly TopicSpec[] = [
  spec(TOPICS.waitlist, 6, 14, 'jeugdzorg intake systems', 'Waitlist entered, updated and exited events.'),
  spec(TOPICS.trajectory, 6, 14, 'jeugdzorg intake systems', 'Care trajectory events (ended).'),
  spec(TOPICS.jeugdzorgReferral, 6, 14, 'jeugdzorg intake systems', 'Referrals and answers from youth care.'),
  spec(TOPICS.jeugdzorgPrivacy, 6, 14, 'jeugdzorg intake systems', 'Erasure requests (AVG art. 17).'),
  spec(TOPICS.activity, 6, 14, 'activity service', 'Teams, activities, placements and attendance.'),
  spec(TOPICS.bridging, 6, 14, 'waitlist-bridging service', 'Bridging offers and their outcomes.'),
  spec(TOPICS.referral, 6, 14, 'referral service', 'Referrals and handovers.'),
  spec(TOPICS.task, 6, 14, 'notification service', 'Task lifecycle and escalations.'),
  spec(TOPICS.privacy, 6, 14, 'every service', 'Erasure confirmations per service.'),
];

/** Dead letters are kept longer than their source, so that operations can inspect and replay them. */
export const DLQ_RETENTION_DAYS = 30;
export const DLQ_PARTITIONS = 3;

export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** The topics to create: every topic and its dead-letter topic. */
export function allTopicSpecs(specs: readonly TopicSpec[] = TOPIC_SPECS): TopicSpec[] {
  return specs.flatMap((s) => [
    s,
    {
      name: dlqTopic(s.name),
      partitions: DLQ_PARTITIONS,
      retentionMs: DLQ_RETENTION_DAYS * DAY,
      producedBy: 'every consumer of ' + s.name,
      description: `Dead letters of ${s.name}, with dlq-reason and the original coordinates in headers.`,
    },
  ]);
}

function spec(
  name: string,
  partitions: number,
  days: number,
  producedBy: string,
  description: string,
): TopicSpec {
  return { name, partitions, retentionMs: days * DAY, producedBy, description };
}
