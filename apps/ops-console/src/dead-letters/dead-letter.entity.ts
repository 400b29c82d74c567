import type { DeadLetterCoordinates } from '../domain/dead-letter-record';

/** A dead letter as the console lists it (`dead_letter`): never its record copy or its note. */
export interface DeadLetterView {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  reasonCategory: string;
  reason: string;
  consumer: string | null;
  deadLetteredAt: string | null;
  receivedAt: string;
  eventId: string | null;
  type: string | null;
  youthRef: string | null;
  status: string;
  replayCount: number;
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** The resolution note is kept for the audit but never shown: free text. */
  hasNote: boolean;
  /** Whether fields outside the contract were redacted in the record copy (dlq-redacted). */
  redacted: boolean;
  /** Whether the record copy can be replayed: still there (gone once resolved or expired), not redacted. */
  replayable: boolean;
  copyExpiredAt: string | null;
}

/** A dead letter with its record copy, locked for a replay or a resolution. */
export interface ReplayableRecord {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  originalTopic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  status: string;
}

/** A record the flow monitor read from a dead-letter topic, with the copy kept for its replay. */
export interface NewDeadLetter {
  topic: string;
  partition: number;
  offset: string;
  coordinates: DeadLetterCoordinates;
  eventId: string | null;
  type: string | null;
  youthRef: string | null;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/** Who replayed or resolved a dead letter. */
export interface DeadLetterActor {
  sub: string;
  role: string;
}

/** One row of a dead letter's audit trail (`dead_letter_action`). */
export interface DeadLetterAction {
  action: string;
  actor: string;
  actorRole: string;
  targetTopic: string | null;
  at: string;
}

/** An open dead letter, as the stuck-flow rule reads it. */
export interface OpenDeadLetter {
  id: string;
  youthRef: string | null;
  status: string;
  receivedAt: Date;
}
