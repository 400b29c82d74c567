import type { CloudEvent } from '@samenspel/contracts';
import type { EntityManager } from 'typeorm';
import type { NewEvent } from '../outbox/outbox';

/** What a handler gets besides the event: the transaction its effect must use, and the outbox in it. */
export interface EventContext {
  /** The transaction in which the inbox record is written; the handler's effect commits with it or not at all. */
  readonly em: EntityManager;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Appends outgoing events to the outbox in the same transaction. */
  publish(events: NewEvent | NewEvent[]): Promise<CloudEvent[]>;
}

export type EventHandler<T = unknown> = (event: CloudEvent<T>, context: EventContext) => Promise<void>;
