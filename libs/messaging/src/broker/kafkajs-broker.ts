import type { TopicSpec } from '@samenspel/contracts';
import type { Logger } from 'pino';
import {
  Kafka,
  logLevel as KafkaLogLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerRunConfig,
  type LogEntry,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import type {
  BatchControl,
  BrokerAdmin,
  BrokerConsumer,
  BrokerProducer,
  ConsumerOptions,
  IncomingMessage,
  MessageBroker,
  OutgoingMessage,
  PartitionLag,
} from './broker.port';
import type { KafkaConnectionOptions } from './kafka-transport';
import { repairKafkaJsRequestQueue } from './kafkajs-request-queue';

repairKafkaJsRequestQueue();

/**
 * About a hundred events: what a consumer's fetch waits for, at most FETCH_MAX_WAIT_MS. A consumer
 * reading under 1,000 events a second reaches the wait first, so a fetch carries what 100 ms brings
 * (at 8 KiB it was answered after some 50 ms at 150 flows a second, with about one event per
 * partition); at 50 flows a second 8 KiB took longer than the wait as well, so latency there is
 * as before.
 */
export const FETCH_MIN_BYTES = 64 * 1024;
export const FETCH_MAX_WAIT_MS = 100;
export const FETCH_MAX_BYTES_PER_PARTITION = 256 * 1024;
/**
 * What one fetch holds in all, over every partition of the group's topics (kafkajs's default is
 * 10 MiB): some 1,900 events of 550 bytes, far more than a service handles in one round of
 * batches, so catching up is no slower, while the response, its decoded messages and their copies
 * stay small (a consumer draining 24 partitions peaks some 20 MiB lower than at 10 MiB). kafkajs
 * shuffles the partitions of every fetch request, so none is starved, and the broker always
 * returns at least one record batch, so an event larger than this still arrives.
 */
export const FETCH_MAX_BYTES = 1024 * 1024;

/** The kafkajs adapter: the only code in Samenspel that imports kafkajs. */
export class KafkaJsBroker implements MessageBroker {
  private readonly clients = new Map<string, Kafka>();

  constructor(
    private readonly brokers: string[],
    private readonly logger: Logger,
    /** TLS and SASL (see kafkaConnectionOptions); never logged. */
    private readonly connection: KafkaConnectionOptions = {},
  ) {}

  private kafka(clientId: string): Kafka {
    let kafka = this.clients.get(clientId);
    if (!kafka) {
      kafka = new Kafka({
        clientId,
        brokers: this.brokers,
        ssl: this.connection.ssl,
        sasl: this.connection.sasl as SASLOptions | undefined,
        connectionTimeout: 3000,
        requestTimeout: 30000,
        retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
        logLevel: KafkaLogLevel.WARN,
        logCreator: () => (entry: LogEntry) => this.log(entry),
      });
      this.clients.set(clientId, kafka);
    }
    return kafka;
  }

  private log({ level, namespace, log }: LogEntry): void {
    const { message, timestamp: _t, logger: _l, ...rest } = log;
    const fields = { kafka: namespace, error: rest.error, broker: rest.broker, groupId: rest.groupId };
    if (level === KafkaLogLevel.ERROR) this.logger.error(fields, message);
    else if (level === KafkaLogLevel.WARN) this.logger.warn(fields, message);
    else this.logger.debug(fields, message);
  }

  async producer(clientId: string): Promise<BrokerProducer> {
    // Idempotent with one request in flight: the broker drops retried duplicates, and order per partition holds.
    const producer = this.kafka(clientId).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    return new KafkaJsProducer(producer);
  }

  async consumer(options: ConsumerOptions): Promise<BrokerConsumer> {
    const consumer = this.kafka(options.clientId).consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      // A crashed member's partitions move to the others after this long without heartbeats.
      sessionTimeout: 10000,
      heartbeatInterval: 3000,
      // A fetch is answered once FETCH_MIN_BYTES have arrived or after FETCH_MAX_WAIT_MS: under
      // load a fetch, a batch and a transaction carry several events instead of one each.
      minBytes: options.fetch?.minBytes ?? FETCH_MIN_BYTES,
      maxWaitTimeInMs: options.fetch?.maxWaitMs ?? FETCH_MAX_WAIT_MS,
      // Bounds what one fetch holds in memory (kafkajs's default is 1 MiB per partition).
      maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
      maxBytes: FETCH_MAX_BYTES,
      retry: { retries: 10 },
    });
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    return new KafkaJsConsumer(consumer, options.partitionsConcurrently ?? 6, this.logger);
  }

  async admin(clientId: string): Promise<BrokerAdmin> {
    const admin = this.kafka(clientId).admin();
    await admin.connect();
    return new KafkaJsAdmin(admin);
  }
}

class KafkaJsProducer implements BrokerProducer {
  constructor(private readonly producer: Producer) {}

  async send(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

/**
 * Handled offsets wait at most this long before they are committed, all partitions of the
 * consumer in one request. A commit per batch made the broker's offset commits one of its largest
 * costs (a batch is often a single event). What waits is only a redelivery after a crash, which
 * the inbox makes harmless; a stop and a rebalance commit at once.
 */
export const COMMIT_INTERVAL_MS = 500;

type PendingOffset = { topic: string; partition: number; offset: string };

class KafkaJsConsumer implements BrokerConsumer {
  joined = false;
  private stopping = false;
  private runConfig?: ConsumerRunConfig;
  /** The next offset to commit per `topic:partition`, of effects already committed. */
  private readonly pending = new Map<string, PendingOffset>();
  private lastCommit = 0;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly consumer: Consumer,
    private readonly partitionsConcurrently: number,
    private readonly logger: Logger,
  ) {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      // Anything still pending belongs to the previous generation's assignment: it was committed
      // when the rebalance began, or its partition now belongs to another member, which reads on
      // from the last commit.
      this.pending.clear();
      this.joined = true;
    });
    consumer.on(consumer.events.REBALANCING, () => {
      this.joined = false;
      this.flushInBackground();
    });
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    // kafkajs restarts a crashed consumer only after errors it deems retriable. After others it
    // gives up for good, e.g. "The coordinator is not aware of this member" when a batch outlasted
    // the session timeout on a busy machine, and the service would consume nothing until it is
    // restarted. Every effect is idempotent (the inbox), so joining again and reading on from the
    // committed offsets is safe.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping || !this.runConfig) return;
      this.logger.warn(
        { err: payload.error, groupId: payload.groupId },
        'consumer crashed for good; rejoining',
      );
      this.rejoin(1000);
    });
  }

  private rejoin(delayMs: number): void {
    setTimeout(() => {
      if (this.stopping || !this.runConfig) return;
      this.consumer
        .connect()
        .then(() => this.consumer.run(this.runConfig))
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'rejoining the group failed; trying again');
          this.rejoin(Math.min(delayMs * 2, 30000));
        });
    }, delayMs).unref();
  }

  async run(onBatch: Parameters<BrokerConsumer['run']>[0]): Promise<void> {
    this.runConfig = {
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.partitionsConcurrently,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        let handled: string | undefined;
        const control: BatchControl = {
          markHandled: (message: IncomingMessage) => {
            resolveOffset(message.offset);
            handled = message.offset;
          },
          commit: async () => {
            if (handled === undefined) return;
            const offset = (BigInt(handled) + 1n).toString();
            handled = undefined;
            const { topic, partition } = batch;
            this.pending.set(`${topic}:${partition}`, { topic, partition, offset });
            const due = Date.now() - this.lastCommit >= COMMIT_INTERVAL_MS;
            if (due || this.stopping || !isRunning() || isStale()) await this.commitPending();
            else this.scheduleFlush();
          },
          heartbeat: () => heartbeat(),
          shouldContinue: () => isRunning() && !isStale(),
        };
        await onBatch(
          {
            topic: batch.topic,
            partition: batch.partition,
            messages: batch.messages.map((m) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key,
              value: m.value,
              headers: flattenHeaders(m.headers),
              timestamp: m.timestamp,
            })),
          },
          control,
        );
      },
    };
    await this.consumer.run(this.runConfig);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.commitPending().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'committing offsets on stop failed; they are redelivered'),
    );
    // kafkajs's disconnect stops fetching, waits for the running eachBatch calls (which commit at
    // once while stopping) and leaves the group.
    await this.consumer.disconnect();
  }

  /** Commits every pending offset in one request. */
  private async commitPending(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.lastCommit = Date.now();
    // Not put back on failure: a failed commit only means a redelivery, and an old offset
    // committed later, after a rebalance, could move another member's partition backwards.
    await this.consumer.commitOffsets(offsets);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const wait = Math.max(0, COMMIT_INTERVAL_MS - (Date.now() - this.lastCommit));
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushInBackground();
    }, wait);
    this.flushTimer.unref();
  }

  private flushInBackground(): void {
    this.commitPending().catch((error: unknown) =>
      this.logger.debug({ err: error }, 'offset commit failed; the offsets are redelivered'),
    );
  }
}

function flattenHeaders(
  headers: Record<string, unknown> | undefined,
): Record<string, Buffer | string | undefined> {
  const out: Record<string, Buffer | string | undefined> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    out[k] = Array.isArray(v) ? (v[v.length - 1] as Buffer | string) : (v as Buffer | string | undefined);
  }
  return out;
}

class KafkaJsAdmin implements BrokerAdmin {
  constructor(private readonly admin: Admin) {}

  async ensureTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.name));
    if (missing.length === 0) return [];
    // Another process may create the same topics at the same moment: kafkajs then answers false
    // for those, which is fine. Leaders are awaited by polling the metadata, bounded, because a
    // busy broker can answer "unknown topic" for a moment after creating it.
    await this.admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((s) => ({
        topic: s.name,
        numPartitions: s.partitions,
        replicationFactor: -1,
        configEntries: [{ name: 'retention.ms', value: String(s.retentionMs) }],
      })),
    });
    const names = missing.map((s) => s.name);
    for (let attempt = 1; ; attempt++) {
      try {
        const { topics } = await this.admin.fetchTopicMetadata({ topics: names });
        if (topics.length === names.length && topics.every((t) => t.partitions.every((p) => p.leader >= 0)))
          break;
      } catch (error) {
        if (attempt >= 100) throw error;
      }
      if (attempt >= 100) throw new Error(`no leaders for ${names.join(', ')} after creating them`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return names;
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async clusterId(): Promise<string> {
    const { clusterId } = await this.admin.describeCluster();
    // Brokers older than Kafka 0.10.1 report none; an empty id would not tell clusters apart.
    if (!clusterId) throw new Error('the broker reported no cluster id');
    return clusterId;
  }

  async consumerLag(groupId: string, topics?: string[]): Promise<PartitionLag[]> {
    const committed = await this.admin.fetchOffsets(topics ? { groupId, topics } : { groupId });
    const result: PartitionLag[] = [];
    for (const t of committed) {
      const ends = new Map((await this.admin.fetchTopicOffsets(t.topic)).map((o) => [o.partition, o.high]));
      for (const p of t.partitions) {
        const end = ends.get(p.partition) ?? '0';
        const from = p.offset === '-1' ? 0n : BigInt(p.offset);
        result.push({
          topic: t.topic,
          partition: p.partition,
          committedOffset: p.offset,
          endOffset: end,
          lag: Number(BigInt(end) - from),
        });
      }
    }
    return result;
  }

  async listGroups(): Promise<string[]> {
    return (await this.admin.listGroups()).groups.map((g) => g.groupId);
  }

  async topicEndOffsets(topic: string): Promise<{ partition: number; offset: string }[]> {
    return (await this.admin.fetchTopicOffsets(topic)).map((o) => ({
      partition: o.partition,
      offset: o.high,
    }));
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}
