import type { NewEvent } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';

/** A transaction and the outbox in it: an event handler's context, or a use case's own transaction. */
export interface Tx {
  em: EntityManager;
  publish(events: NewEvent | NewEvent[]): Promise<unknown>;
}
