import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '@samenspel/clock';
import type { CloudEvent, ContractRegistry } from '@samenspel/contracts';
import { childContext, currentTrace, formatTraceparent } from '@samenspel/observability';
import { lockOrYield, oncePerTransaction } from '@samenspel/persistence';
import type { EntityManager } from 'typeorm';
import { encodeStructured } from '../envelope/cloud-event-codec';
import { validateData } from '../consumer/validate-data';

export interface NewEvent<T extends object = object> {
  type: string;
  /** The Kafka key: the youngster's pseudonymous ref, so all events about one youngster stay in order. */
  key: string;
  aggregateType: string;
  aggregateId: string;
  data: T;
  subject?: string;
}

export const OUTBOX_CHANNEL = 'samenspel_outbox';

/** Whether the transaction has yet to notify the relay. */
const firstAppend = oncePerTransaction();

/**
 * Appends events to the outbox inside the caller's transaction. Each event must match its
 * contract; an invalid outgoing event is a programming error and fails the transaction.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly contracts: ContractRegistry,
    /** The service's clock: an event's `time` is when the service says it happened. */
    private readonly clock: Clock = systemClock,
  ) {}

  async append(em: EntityManager, events: NewEvent[]): Promise<CloudEvent[]> {
    if (events.length === 0) return [];
    const trace = currentTrace() ?? childContext();
    const built = events.map((e) => this.build(e, trace));
    // Serialise writers per key until commit, so that for one key the outbox position order is
    // the commit order: a relay reading by position can then never overtake an earlier event of
    // the same youngster whose transaction committed later. Sorted keys cannot deadlock each other;
    // in a transaction of several events (which may hold other keys already) it never waits.
    const keys = events.map((e) => e.key);
    await lockOrYield(em, keys);
    const values: unknown[] = [];
    const rows = built.map(({ event, spec, headers }, i) => {
      values.push(
        event.id,
        spec.aggregateType,
        spec.aggregateId,
        event.type,
        spec.topic,
        spec.key,
        event,
        headers,
      );
      const o = i * 8;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8})`;
    });
    const insert = `INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, topic, event_key, payload, headers)
       VALUES ${rows.join(', ')}`;
    // A NOTIFY, delivered at commit, wakes the relay at once instead of at its next poll: once per
    // transaction (a batch of events handled in one transaction appends many times), and in the
    // same statement as the insert (a data-modifying WITH always runs to completion).
    if (firstAppend(em)) {
      await em.query(`WITH appended AS (${insert}) SELECT pg_notify($${values.length + 1}, '')`, [
        ...values,
        OUTBOX_CHANNEL,
      ]);
    } else {
      await em.query(insert, values);
    }
    return built.map((b) => b.event);
  }

  private build(e: NewEvent, trace: ReturnType<typeof childContext>) {
    const contract = this.contracts.get(e.type);
    if (!contract) throw new Error(`no contract for outgoing event type ${e.type}`);
    const problems = validateData(contract.dataClass, e.data).errors;
    if (problems.length) throw new Error(`outgoing ${e.type} breaks its contract: ${problems.join('; ')}`);
    const event: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: this.source,
      type: e.type,
      time: this.clock.now().toISOString(),
      datacontenttype: 'application/json',
      ...(e.subject ? { subject: e.subject } : {}),
      traceparent: formatTraceparent({ ...trace, spanId: childContext().spanId }),
      correlationid: trace.correlationId,
      data: e.data,
    };
    const { headers } = encodeStructured(event);
    return { event, headers, spec: { ...e, topic: contract.topic } };
  }
}
