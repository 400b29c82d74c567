import type { CloudEvent, ContractRegistry } from '@samenspel/contracts';
import { childContext, runWithTrace } from '@samenspel/observability';
import { isTransientInfrastructureError } from '@samenspel/persistence';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { BatchControl, BrokerProducer, IncomingBatch, IncomingMessage } from '../broker/broker.port';
import { decodeEvent, EnvelopeError } from '../envelope/cloud-event-codec';
import type { Outbox } from '../outbox/outbox';
import { deadLetterOf } from './dead-letter';
import type { EventContext, EventHandler } from './event-context';
import { backoff, delay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
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
  /** Commit offsets at least every this many messages within a long batch. */
  commitEvery?: number;
  onOutcome?: (outcome: Outcome, message: IncomingMessage, eventType?: string) => void;
}

class StopRequested extends Error {}

/**
 * The consuming half of the messaging core. For each message, in partition order: decode the
 * CloudEvent, validate it against its contract, and run its handler in one transaction with the
 * inbox record. Invalid events and handler errors that outlast the retries go to `<topic>.dlq`;
 * errors that say the database is away are retried until it is back, never dead-lettered.
 * Offsets are committed only after the effect (or the dead letter) is durable.
 */
export class EventProcessor {
  private readonly retry: RetryPolicy;
  private readonly commitEvery: number;

  constructor(private readonly options: EventProcessorOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.commitEvery = options.commitEvery ?? 100;
  }

  readonly processBatch = async (batch: IncomingBatch, control: BatchControl): Promise<void> => {
    let sinceCommit = 0;
    try {
      for (const message of batch.messages) {
        if (!control.shouldContinue()) break;
        await this.process(message, control);
        control.markHandled(message);
        if (++sinceCommit >= this.commitEvery) {
          await control.commit();
          await control.heartbeat();
          sinceCommit = 0;
        }
      }
    } catch (error) {
      if (!(error instanceof StopRequested)) throw error;
    } finally {
      await control.commit();
    }
  };

  async process(message: IncomingMessage, control: Pick<BatchControl, 'heartbeat' | 'shouldContinue'>): Promise<Outcome> {
    const checked = this.check(message);
    if ('reason' in checked) return this.deadLetter(message, checked.reason, control);
    const { event, handler } = checked;
    if (!handler) return this.done('ignored', message, event.type);

    const trace = childContext(event.traceparent, event.correlationid);
    return runWithTrace(trace, async () => {
      for (let attempt = 1, transient = 0; ; ) {
        try {
          const applied = await this.applyOnce(message, event, handler);
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
            return this.deadLetter(message, `handler-failed after ${attempt} attempts: ${describe(error)}`, control);
          }
          this.options.logger.warn({ err: error, eventId: event.id, eventType: event.type, attempt }, 'handler failed');
          await delay(backoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs));
          attempt += 1;
        }
      }
    });
  }

  private check(message: IncomingMessage): { reason: string } | { event: CloudEvent; handler?: EventHandler } {
    let event: CloudEvent;
    try {
      event = decodeEvent(message);
    } catch (error) {
      if (error instanceof EnvelopeError) return { reason: `invalid-envelope: ${error.reason}` };
      throw error;
    }
    const contract = this.options.contracts.get(event.type);
    if (!contract) return { reason: `unknown-event-type: ${event.type}` };
    if (contract.topic !== message.topic) return { reason: `wrong-topic: ${event.type} belongs on ${contract.topic}` };
    const handler = this.options.handlers.get(event.type);
    if (!handler) return { event };
    const { value, errors } = validateData(contract.dataClass, event.data);
    if (errors.length) return { reason: `invalid-data: ${errors.join('; ')}` };
    return { event: { ...event, data: value }, handler };
  }

  /** One transaction: the inbox record and the handler's effect. False when the event was applied before. */
  private async applyOnce(message: IncomingMessage, event: CloudEvent, handler: EventHandler): Promise<boolean> {
    return this.options.dataSource.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO inbox_event (consumer, source, event_id, event_type, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1`,
        [this.options.consumer, event.source, event.id, event.type, message.topic, message.partition, message.offset],
      );
      if (inserted.length === 0) return false;
      const context: EventContext = {
        em,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        publish: (events) => this.options.outbox.append(em, Array.isArray(events) ? events : [events]),
      };
      await handler(event, context);
      return true;
    });
  }

  private async deadLetter(
    message: IncomingMessage,
    reason: string,
    control: Pick<BatchControl, 'heartbeat' | 'shouldContinue'>,
  ): Promise<Outcome> {
    const letter = deadLetterOf(message, reason, this.options.consumer);
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
    return this.done('dead-lettered', message);
  }

  private done(outcome: Outcome, message: IncomingMessage, eventType?: string): Outcome {
    this.options.onOutcome?.(outcome, message, eventType);
    return outcome;
  }
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}
