import { ALL_TOPICS, serviceNamed } from '@samenspel/bootstrap';
import { allTopicSpecs, dlqTopic } from '@samenspel/contracts';
import type { StuckThresholds } from '../domain/stuck-rules';
import type { OpsConsoleConfig } from './ops-console.config';

/** What the features read from the validated config. */
export interface OpsSettings {
  groupId: string;
  clientId: string;
  /** Every topic the flow monitor reads, .dlq topics included. */
  topics: string[];
  thresholds: StuckThresholds;
  impactMinCell: number;
  throughputSampleIntervalMs: number;
  lagGroupPrefix: string;
  fromBeginning: boolean;
  deadLetterCopyRetentionDays: number;
  deadLetterSweepIntervalMs: number;
}

export const OPS_SETTINGS = Symbol('OPS_SETTINGS');

export function opsSettings(config: OpsConsoleConfig): OpsSettings {
  const descriptor = serviceNamed('ops-console');
  const extra = config.OPS_EXTRA_TOPICS.flatMap((t) => [t, dlqTopic(t)]);
  return {
    groupId: config.KAFKA_GROUP_ID ?? descriptor.groupId,
    clientId: descriptor.clientId,
    topics: [...new Set([...allTopicSpecs(ALL_TOPICS).map((s) => s.name), ...extra])],
    thresholds: {
      waitlistNoOfferSeconds: config.STUCK_WAITLIST_NO_OFFER_SECONDS,
      taskGraceSeconds: config.STUCK_TASK_GRACE_SECONDS,
      handoverWorkingDays: config.STUCK_HANDOVER_WORKING_DAYS,
      deadLetterSeconds: config.STUCK_DEAD_LETTER_SECONDS,
    },
    impactMinCell: config.IMPACT_MIN_CELL,
    throughputSampleIntervalMs: config.THROUGHPUT_SAMPLE_INTERVAL_MS,
    lagGroupPrefix: config.LAG_GROUP_PREFIX,
    fromBeginning: config.KAFKA_FROM_BEGINNING,
    deadLetterCopyRetentionDays: config.DEAD_LETTER_COPY_RETENTION_DAYS,
    deadLetterSweepIntervalMs: config.DEAD_LETTER_SWEEP_INTERVAL_MS,
  };
}
