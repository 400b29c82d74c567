import type { CloudEvent } from '@samenspel/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { NewEvent, Outbox } from './outbox/outbox';

/**
 * One transaction's work: its entity manager, and the outbox's `publish` in it. Every use case is
 * `execute(command, uow)`; an event handler is given its unit of work (its EventContext), an HTTP
 * entry point opens one with {@link UnitsOfWork.run}.
 */
export interface UnitOfWork {
  /** The transaction: repositories read and write through it, and commit with the events or not at all. */
  readonly em: EntityManager;
  /** Appends outgoing events to the outbox in this transaction; the relay sends them once it commits. */
  publish(events: NewEvent | NewEvent[]): Promise<CloudEvent[]>;
}

/** PostgreSQL's isolation levels above its default, READ COMMITTED. */
export type IsolationLevel = 'REPEATABLE READ' | 'SERIALIZABLE';

/** The unit of work of a transaction that is already open. */
export function unitOfWork(em: EntityManager, outbox: Outbox): UnitOfWork {
  return { em, publish: (events) => outbox.append(em, Array.isArray(events) ? events : [events]) };
}

/**
 * A unit of work whose events are held until `flush()`, in the same transaction. An outbox append
 * takes a lock per event key; a batch that locks rows of many keys appends once, after every row
 * lock, so that the two kinds of lock are always taken in the same order.
 */
export function deferringPublish(uow: UnitOfWork): UnitOfWork & { flush(): Promise<CloudEvent[]> } {
  const held: NewEvent[] = [];
  return {
    em: uow.em,
    publish: async (events) => {
      held.push(...(Array.isArray(events) ? events : [events]));
      return [];
    },
    flush: () => uow.publish(held.splice(0)),
  };
}

/** Opens units of work: one transaction each, with the service's outbox. */
export class UnitsOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Runs `work` in a new transaction; it commits when `work` resolves and rolls back when it throws.
   * `isolation` asks for more than READ COMMITTED, e.g. one snapshot for several reads.
   */
  run<T>(work: (uow: UnitOfWork) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    const inTransaction = (em: EntityManager) => work(unitOfWork(em, this.outbox));
    return isolation
      ? this.dataSource.transaction(isolation, inTransaction)
      : this.dataSource.transaction(inTransaction);
  }
}
