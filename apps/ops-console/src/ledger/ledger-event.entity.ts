import type { EventRefs } from '../domain/event-refs';

/** A ledger row (`ledger_event`): where a record was read, its envelope and its refs, never its payload. */
export interface LedgerEvent {
  type: string | null;
  eventId: string | null;
  source: string | null;
  correlationId: string | null;
  eventTime: Date | null;
  topic: string;
  partition: number;
  offset: string;
  valid: boolean;
  deadLetter: boolean;
  refs: EventRefs;
}
