import type { CloudEvent, ContractRegistry } from '@samenspel/contracts';
import { childContext, runWithTrace } from '@samenspel/observability';
import {
  batchThenOneByOne,
  isTransientInfrastructureError,
  LockYield,
  neverWaitForLocks,
} from '@samenspel/persistence';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { BatchControl, BrokerProducer, IncomingBatch, IncomingMessage } from '../broker/broker.port';
import { dataPathIn, decodeEvent, EnvelopeError } from '../envelope/cloud-event-codec';
import type { Outbox } from '../outbox/outbox';
import { deadLetterOf } from './dead-letter';
import type { EventContext, EventHandler } from './event-context';
import { backoff, delay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { compiledDataCheck } from './compiled-data-check';
import { validateData } from './validate-data';

export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface EventProcessorOptions {
  /** The consumer's name in the inbox; one per service (its group id). */
  consumer: string;
  dataSource: DataSource;
  contracts: ContractRegistry;
  handlers: ReadonlyMap<string, EventHandler>;
  outbox: Outbox;
  /** Sends dead letters; a dead letter is acknowledged by the broker before the offset moves on. */
  producer: BrokerProducer;
  logger: Logger;
  retry?: RetryPolicy;
  /** How many messages of one partition are applied in one transaction (and then committed). */
  chunkSize?: number;
  onOutcome?: (outcome: Outcome, message: IncomingMessage, eventType?: string) => void;
  /** After a dead letter is acknowledged: the topic and the reason's category (the part before the colon). */
  onDeadLetter?: (topic: string, reasonCategory: string) => void;
  /** How long a handler (with its inbox record) took, in seconds, by event type. */
  onHandlerTimed?: (eventType: string, seconds: number) => void;
  /** A record larger than this (key, value and headers) is dead-lettered as `oversized` unread. */
  maxEventBytes?: number;
}

/** Far above any real event (a few kB), well below the broker's default message.max.bytes (1 MiB). */
export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

class StopRequested extends Error {}

/** A handler failed in a run of several events: the run is redone one event at a time. */
class HandlerFailedInRun extends Error {
  constructor(readonly offset: string) {
    super('a handler failed in a run');
  }
}

/** A valid event with a handler, waiting to be applied in a run. */
type Applicable = { message: IncomingMessage; event: CloudEvent; handler: EventHandler };

/** Why a message is dead-lettered, and the fields outside its contract (paths in the record value). */
type Refusal = { reason: string; outsideContract?: string[][] };

const inboxKey = (source: string, eventId: string) => `${source}\u0000${eventId}`;

/**
 * The consuming half of the messaging core. For each message, in partition order: decode the
 * CloudEvent, validate it against its contract, and run its handler in one transaction with the
 * inbox record. Invalid events and handler errors that outlast the retries go to `<topic>.dlq`;
 * errors that say the database is away are retried until it is back, never dead-lettered.
 * Offsets are committed only after the effect (or the dead letter) is durable.
 */
export class EventProcessor {
  private readonly retry: RetryPolicy;
  private readonly chunkSize: number;
  private readonly maxEventBytes: number;

  constructor(private readonly options: EventProcessorOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.chunkSize = options.chunkSize ?? 50;
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    // The data checks of the consumed contracts are compiled at start, not on their first event.
    for (const type of options.handlers.keys()) {
      const contract = options.contracts.get(type);
      if (contract) compiledDataCheck(contract.dataClass);
    }
  }

  readonly processBatch = async (batch: IncomingBatch, control: BatchControl): Promise<void> => {
    try {
      for (let i = 0; i < batch.messages.length && control.shouldContinue(); i += this.chunkSize) {
        const chunk = batch.messages.slice(i, i + this.chunkSize);
        await this.processChunk(chunk, control);
        chunk.forEach((m) => control.markHandled(m));
        await control.commit();
        await control.heartbeat();
      }
    } catch (error) {
      if (!(error instanceof StopRequested)) throw error;
    } finally {
      await control.commit();
    }
  };

  /**
   * Applies a run of messages of one partition in one transaction (one commit, one fsync): the
   * run's inbox records in one statement, then the handler of each event seen for the first time,
   * in order. Handlers run without savepoints: when one fails, or the database goes away, the
   * transaction rolls back and the run is redone one event at a time, each event in its own
   * transaction with the full retry and dead-letter rules; events already dead-lettered are not
   * sent twice. A run of only invalid or ignored events opens no transaction at all.
   * A run of several events never waits for an advisory lock (`lockOrYield`): the locks of its
   * earlier events are held until commit, so waiting could deadlock with another run taking them
   * in the opposite order. A lock held elsewhere (LockYield) redoes the run one event at a time
   * too, where waiting is safe.
   */
  private async processChunk(chunk: IncomingMessage[], control: BatchControl): Promise<void> {
    const deadLettered = new Set<string>();
    const outcomes: [Outcome, IncomingMessage, string | undefined][] = [];
    const work: Applicable[] = [];
    for (const message of chunk) {
      if (!control.shouldContinue()) throw new StopRequested();
      const checked = this.check(message);
      if ('reason' in checked) {
        await this.sendDeadLetter(message, checked, control);
        deadLettered.add(message.offset);
        outcomes.push(['dead-lettered', message, undefined]);
      } else if (!checked.handler) {
        outcomes.push(['ignored', message, checked.event.type]);
      } else {
        work.push({ message, event: checked.event, handler: checked.handler });
      }
    }
    if (work.length === 0) {
      outcomes.forEach(([outcome, message, type]) => this.done(outcome, message, type));
      return;
    }
    await batchThenOneByOne(this.options.dataSource, chunk, {
      batch: (em) => this.applyRun(em, work, control),
      committed: (applied) => {
        outcomes.forEach(([outcome, message, type]) => this.done(outcome, message, type));
        applied.forEach((outcome, i) => this.done(outcome, work[i].message, work[i].event.type));
      },
      failed: (error) => this.runFailed(error, chunk.length),
      alone: async (message, error) => {
        if (deadLettered.has(message.offset)) return this.done('dead-lettered', message);
        // The failed attempt in the run counts: the event gets the same attempts in all.
        const failedBefore = error instanceof HandlerFailedInRun && error.offset === message.offset;
        return this.process(message, control, failedBefore ? 1 : 0);
      },
    });
  }

  /** The run's inbox records, then the handler of each event seen for the first time, in order. */
  private async applyRun(em: EntityManager, work: Applicable[], control: BatchControl): Promise<Outcome[]> {
    if (work.length > 1) neverWaitForLocks(em);
    const firstSeen = await this.recordInbox(em, work);
    const applied: Outcome[] = [];
    for (const [i, item] of work.entries()) {
      if (!control.shouldContinue()) throw new StopRequested();
      if (firstSeen[i]) await this.runHandlerTraced(em, item);
      applied.push(firstSeen[i] ? 'applied' : 'duplicate');
    }
    return applied;
  }

  /** Logs why a run is redone one event at a time; a stop is thrown on instead, and nothing is redone. */
  private runFailed(error: unknown, size: number): void {
    if (error instanceof StopRequested) throw error;
    if (error instanceof HandlerFailedInRun) {
      // Logged with its trace where it failed; the retries follow one event at a time.
    } else if (error instanceof LockYield) {
      this.options.logger.debug(
        { locks: error.keys.length, size },
        'a lock is held by another transaction; applying the batch one by one',
      );
    } else {
      this.options.logger.warn({ err: error, size }, 'batch transaction failed; applying one by one');
    }
  }

  /**
   * The inbox records of a run (one partition) in one statement. True for each event recorded
   * now; false for one recorded before, or earlier in the same run (a duplicate delivery).
   */
  private async recordInbox(em: EntityManager, work: Applicable[]): Promise<boolean[]> {
    const { topic, partition } = work[0].message;
    const rows = (await em.query(
      `INSERT INTO inbox_event (consumer, source, event_id, event_type, topic, partition, "offset")
       SELECT $1, u.src, u.id, u.typ, $2, $3, u.pos
         FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[]) AS u(src, id, typ, pos)
       ON CONFLICT DO NOTHING RETURNING source, event_id`,
      [
        this.options.consumer,
        topic,
        partition,
        work.map((w) => w.event.source),
        work.map((w) => w.event.id),
        work.map((w) => w.event.type),
        work.map((w) => w.message.offset),
      ],
    )) as { source: string; event_id: string }[];
    const recorded = new Set(rows.map((r) => inboxKey(r.source, r.event_id)));
    // Only the first of two deliveries of one event in the run is applied.
    return work.map(({ event }) => recorded.delete(inboxKey(event.source, event.id)));
  }

  /** A handler in the run's transaction, in the event's trace; its failure is logged there. */
  private runHandlerTraced(em: EntityManager, item: Applicable): Promise<void> {
    const { event } = item;
    return runWithTrace(childContext(event.traceparent, event.correlationid), async () => {
      try {
        await this.runHandler(em, item);
      } catch (error) {
        if (isTransientInfrastructureError(error) || error instanceof LockYield) throw error;
        this.options.logger.warn(
          { err: error, eventId: event.id, eventType: event.type, attempt: 1 },
          'handler failed',
        );
        throw new HandlerFailedInRun(item.message.offset);
      }
    });
  }

  /** A handler in the run's transaction, after its inbox record. */
  private async runHandler(em: EntityManager, { message, event, handler }: Applicable): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await handler(event, this.contextFor(em, message));
    } finally {
      this.options.onHandlerTimed?.(event.type, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private contextFor(em: EntityManager, message: IncomingMessage): EventContext {
    return {
      em,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      publish: (events) => this.options.outbox.append(em, Array.isArray(events) ? events : [events]),
    };
  }

  /** The one-event path: its own transaction, retried until the database is back. */
  async process(
    message: IncomingMessage,
    control: Pick<BatchControl, 'heartbeat' | 'shouldContinue'>,
    /** Attempts already failed (in a run of several events), waited for as after a failure here. */
    failedAttempts = 0,
  ): Promise<Outcome> {
    const checked = this.check(message);
    if ('reason' in checked) return this.deadLetter(message, checked, control);
    const { event, handler } = checked;
    if (!handler) return this.done('ignored', message, event.type);

    const trace = childContext(event.traceparent, event.correlationid);
    return runWithTrace(trace, async () => {
      if (failedAttempts > 0) {
        await delay(backoff(failedAttempts, this.retry.baseDelayMs, this.retry.maxDelayMs));
      }
      for (let attempt = 1 + failedAttempts, transient = 0; ;) {
        try {
          const applied = await this.options.dataSource.transaction((em) =>
            this.applyIn(em, message, event, handler),
          );
          return this.done(applied ? 'applied' : 'duplicate', message, event.type);
        } catch (error) {
          if (!control.shouldContinue()) throw new StopRequested();
          if (isTransientInfrastructureError(error)) {
            transient += 1;
            this.options.logger.warn(
              { err: error, eventId: event.id, eventType: event.type, transient },
              'database unavailable; retrying the event until it is back',
            );
            await control.heartbeat().catch(() => undefined);
            await delay(backoff(transient, this.retry.baseDelayMs, 5000));
            continue;
          }
          if (attempt >= this.retry.maxAttempts) {
            return this.deadLetter(
              message,
              { reason: `handler-failed after ${attempt} attempts: ${describe(error)}` },
              control,
            );
          }
          this.options.logger.warn(
            { err: error, eventId: event.id, eventType: event.type, attempt },
            'handler failed',
          );
          await delay(backoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs));
          attempt += 1;
        }
      }
    });
  }

  private check(message: IncomingMessage): Refusal | { event: CloudEvent; handler?: EventHandler } {
    // Checked before anything is parsed: a huge record must not cost a JSON parse and validation.
    const size = recordBytes(message);
    if (size > this.maxEventBytes) {
      return { reason: `oversized: ${size} bytes, over the limit of ${this.maxEventBytes}` };
    }
    let event: CloudEvent;
    try {
      event = decodeEvent(message);
    } catch (error) {
      if (error instanceof EnvelopeError) return { reason: `invalid-envelope: ${error.reason}` };
      throw error;
    }
    const contract = this.options.contracts.get(event.type);
    // The sender's type is not quoted: the reason names the rule, never what was sent.
    if (!contract) return { reason: 'unknown-event-type' };
    if (contract.topic !== message.topic)
      return { reason: `wrong-topic: ${event.type} belongs on ${contract.topic}` };
    const handler = this.options.handlers.get(event.type);
    if (!handler) return { event };
    const { value, errors, unknownFields } = validateData(contract.dataClass, event.data);
    if (errors.length) {
      const at = dataPathIn(message);
      return {
        reason: `invalid-data: ${errors.join('; ')}`,
        outsideContract: unknownFields.map((path) => [...at, ...path]),
      };
    }
    return { event: { ...event, data: value }, handler };
  }

  /** The inbox record and the handler's effect, in the caller's transaction. False when applied before. */
  private async applyIn(
    em: EntityManager,
    message: IncomingMessage,
    event: CloudEvent,
    handler: EventHandler,
  ): Promise<boolean> {
    const started = process.hrtime.bigint();
    try {
      return await this.applyUntimed(em, message, event, handler);
    } finally {
      this.options.onHandlerTimed?.(event.type, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private async applyUntimed(
    em: EntityManager,
    message: IncomingMessage,
    event: CloudEvent,
    handler: EventHandler,
  ): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO inbox_event (consumer, source, event_id, event_type, topic, partition, "offset")
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1`,
      [
        this.options.consumer,
        event.source,
        event.id,
        event.type,
        message.topic,
        message.partition,
        message.offset,
      ],
    );
    if (inserted.length === 0) return false;
    await handler(event, this.contextFor(em, message));
    return true;
  }

  private async deadLetter(
    message: IncomingMessage,
    refusal: Refusal,
    control: Pick<BatchControl, 'heartbeat' | 'shouldContinue'>,
  ): Promise<Outcome> {
    await this.sendDeadLetter(message, refusal, control);
    return this.done('dead-lettered', message);
  }

  private async sendDeadLetter(
    message: IncomingMessage,
    { reason, outsideContract }: Refusal,
    control: Pick<BatchControl, 'heartbeat' | 'shouldContinue'>,
  ): Promise<void> {
    const letter = deadLetterOf(message, reason, this.options.consumer, outsideContract);
    // The offset may only move on once the dead letter is safely on the broker.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.producer.send([letter]);
        break;
      } catch (error) {
        if (!control.shouldContinue()) throw new StopRequested();
        this.options.logger.error({ err: error, attempt }, 'dead letter not acknowledged; retrying');
        await delay(backoff(attempt, 200, 5000));
      }
    }
    this.options.logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, dlqReason: reason },
      'event dead-lettered',
    );
    this.options.onDeadLetter?.(message.topic, reason.split(/[: ]/, 1)[0]);
  }

  private done(outcome: Outcome, message: IncomingMessage, eventType?: string): Outcome {
    this.options.onOutcome?.(outcome, message, eventType);
    return outcome;
  }
}

/** The bytes a record carries: key, value and every header name and value. */
export function recordBytes(message: Pick<IncomingMessage, 'key' | 'value' | 'headers'>): number {
  let bytes = (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of Object.entries(message.headers)) {
    bytes += Buffer.byteLength(name);
    if (value !== undefined) bytes += typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  }
  return bytes;
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}
