import type { StuckThresholds } from '../domain/stuck-rules';

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
