import type { CloudEvent } from '@samenspel/contracts';
import type { UnitOfWork } from '../unit-of-work';

/**
 * What a handler gets besides the event: its unit of work (the transaction in which the inbox
 * record is written, so that its effect commits with it or not at all, and the outbox in it), and
 * where the event came from.
 */
export interface EventContext extends UnitOfWork {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type EventHandler<T = unknown> = (event: CloudEvent<T>, context: EventContext) => Promise<void>;
