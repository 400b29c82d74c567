import type { Clock } from '@samenspel/clock';
import { allTopicSpecs, type ContractRegistry, type TopicSpec } from '@samenspel/contracts';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { BrokerAdmin, BrokerProducer, MessageBroker } from './broker/broker.port';
import type { Outcome } from './consumer/event-processor';
import type { RetryPolicy } from './consumer/retry-policy';
import { KafkaEventServer } from './nest/kafka-event.server';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

export interface MessagingConfig {
  /** The service's name, e.g. `activity`. */
  service: string;
  /** Its own consumer group and client id: never NestJS's defaults. */
  groupId: string;
  clientId: string;
  /** CloudEvents `source` of what it produces, e.g. `urn:samenspel:activity`. */
  source: string;
  /** Its database URL, for the relay's own session. */
  databaseUrl: string;
  /** Topics this service creates when missing (each with its `.dlq`). */
  topics?: readonly TopicSpec[];
  relayBatchSize?: number;
  relayPollIntervalMs?: number;
  retry?: RetryPolicy;
  partitionsConcurrently?: number;
  /** Where a new consumer group starts: the oldest retained event (default) or only new ones. */
  fromBeginning?: boolean;
  /** Records larger than this go to the dead-letter topic as `oversized`, unread (default 256 KiB). */
  maxEventBytes?: number;
}

/**
 * Everything a service needs to take part in the event flow: the outbox to write to, the relay
 * that publishes it, and the transport that consumes. Shutdown runs in the safe order: stop
 * fetching and finish handlers in flight, flush the outbox, then close the broker connections.
 */
export class MessagingRuntime {
  readonly outbox: Outbox;
  readonly server: KafkaEventServer;
  private producer?: BrokerProducer;
  private admin?: BrokerAdmin;
  private relay?: OutboxRelay;
  private readonly outcomes?: Counter<'outcome' | 'topic' | 'type'>;
  private readonly published?: Counter<'topic' | 'type'>;
  private readonly duplicates?: Counter<'topic'>;
  private readonly deadLetters?: Counter<'topic' | 'reason'>;
  private readonly handlerSeconds?: Histogram<'type'>;

  constructor(
    private readonly config: MessagingConfig,
    private readonly broker: MessageBroker,
    private readonly dataSource: DataSource,
    contracts: ContractRegistry,
    private readonly logger: Logger,
    metrics?: Registry,
    clock?: Clock,
  ) {
    this.outbox = new Outbox(config.source, contracts, clock);
    if (metrics) {
      const registers = [metrics];
      const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
        new Counter<L>({ name, help, labelNames, registers });
      this.outcomes = counter(
        'samenspel_events_consumed_total',
        'Consumed events by outcome (applied, duplicate, ignored, dead-lettered), topic and type',
        ['outcome', 'topic', 'type'],
      );
      this.published = counter(
        'samenspel_events_produced_total',
        'Events published from the outbox and acknowledged by the broker, by topic and type',
        ['topic', 'type'],
      );
      this.duplicates = counter(
        'samenspel_inbox_duplicates_total',
        'Redelivered events the inbox recognised and skipped, by topic',
        ['topic'],
      );
      this.deadLetters = counter(
        'samenspel_dead_letters_total',
        'Events sent to a dead-letter topic, by original topic and reason category',
        ['topic', 'reason'],
      );
      this.handlerSeconds = new Histogram({
        name: 'samenspel_handler_duration_seconds',
        help: 'Time to apply one event (inbox record and handler), by type',
        labelNames: ['type'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers,
      });
      const relay = () => this.relay;
      new Gauge({
        name: 'samenspel_outbox_backlog',
        help: 'Outbox events not yet published',
        registers,
        async collect() {
          this.set((await relay()?.backlog()) ?? 0);
        },
      });
      new Gauge({
        name: 'samenspel_outbox_oldest_age_seconds',
        help: 'Age of the oldest outbox event not yet published (0 when none waits)',
        registers,
        async collect() {
          this.set((await relay()?.oldestUnsentAgeSeconds()) ?? 0);
        },
      });
    }
    const producer = () => this.requireProducer();
    this.server = new KafkaEventServer({
      broker,
      contracts,
      groupId: config.groupId,
      clientId: config.clientId,
      dataSource,
      outbox: this.outbox,
      logger,
      retry: config.retry,
      partitionsConcurrently: config.partitionsConcurrently,
      fromBeginning: config.fromBeginning,
      maxEventBytes: config.maxEventBytes,
      get producer() {
        return producer();
      },
      onOutcome: (outcome: Outcome, message, type) => {
        this.outcomes?.inc({ outcome, topic: message.topic, type: type ?? 'unknown' });
        if (outcome === 'duplicate') this.duplicates?.inc({ topic: message.topic });
      },
      onDeadLetter: (topic, reason) => this.deadLetters?.inc({ topic, reason }),
      onHandlerTimed: (type, seconds) => this.handlerSeconds?.observe({ type }, seconds),
    });
  }

  /** Connects, creates missing topics and starts the outbox relay. */
  async start(): Promise<void> {
    this.admin = await this.broker.admin(`${this.config.clientId}-admin`);
    if (this.config.topics?.length) {
      const created = await this.admin.ensureTopics(allTopicSpecs(this.config.topics));
      if (created.length) this.logger.info({ topics: created }, 'created topics');
    }
    this.producer = await this.broker.producer(this.config.clientId);
    this.relay = new OutboxRelay(this.dataSource, this.producer, this.logger, {
      connectionString: this.config.databaseUrl,
      leaderLockKey: leaderKey(this.config.service),
      batchSize: this.config.relayBatchSize,
      pollIntervalMs: this.config.relayPollIntervalMs,
      onPublished: (events) => events.forEach((e) => this.published?.inc(e)),
    });
    this.relay.start();
  }

  /** Readiness: the broker answers. */
  async ping(): Promise<void> {
    if (!this.admin) throw new Error('messaging not started');
    await this.admin.ping();
  }

  /** Readiness: the consumers have joined their group (always true for a service without handlers). */
  async consuming(): Promise<void> {
    if (!this.server.consuming) throw new Error('consumer group not joined');
  }

  get isRelayLeader(): boolean {
    return this.relay?.isLeader ?? false;
  }

  async shutdown(): Promise<void> {
    await this.server.close();
    await this.relay?.stop();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    this.producer = undefined;
    this.admin = undefined;
    this.relay = undefined;
  }

  private requireProducer(): BrokerProducer {
    if (!this.producer) throw new Error('messaging not started');
    return this.producer;
  }
}

/** A stable 31-bit advisory lock key per service, for the relay's leader election. */
function leaderKey(service: string): number {
  let hash = 0x5a3e;
  for (const ch of `outbox-relay:${service}`) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash & 0x7fffffff;
}
