import type { TopicSpec } from '@samenspel/contracts';

/**
 * The small interface through which Samenspel talks to its broker. Only the kafkajs adapter
 * implements it, so the client library could be swapped without touching services.
 */
export interface OutgoingMessage {
  topic: string;
  key: string | null;
  value: Buffer | string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string | undefined>;
  timestamp: string;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
}

/** What a batch handler may do with the consumer while it works through a batch. */
export interface BatchControl {
  /** Marks a message fully handled (its effect committed); its offset is committed with the next `commit()`. */
  markHandled(message: IncomingMessage): void;
  /** Commits the offset after the last handled message, if any is pending. */
  commit(): Promise<void>;
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked: stop early, uncommitted messages come again. */
  shouldContinue(): boolean;
}

export interface BrokerProducer {
  /** Sends all messages, in order per topic-partition, and resolves once the broker acknowledged every one (acks=all). */
  send(messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  clientId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** How many partitions are processed at once; each partition is still handled strictly in order. */
  partitionsConcurrently?: number;
  /**
   * A fetch is answered once `minBytes` have arrived or after `maxWaitMs` (default: 64 KiB or
   * 100 ms). A consumer off the flows' path, such as the operations console's monitor, waits
   * longer for larger batches: fewer fetches and transactions per event, for a delay nobody waits on.
   */
  fetch?: { minBytes: number; maxWaitMs: number };
}

export interface BrokerConsumer {
  /** True once the consumer has joined its group and holds its assignment. */
  readonly joined: boolean;
  run(onBatch: (batch: IncomingBatch, control: BatchControl) => Promise<void>): Promise<void>;
  /** Stops fetching, waits for the batches in flight, then leaves the group. */
  stop(): Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  committedOffset: string;
  endOffset: string;
  lag: number;
}

export interface BrokerAdmin {
  ensureTopics(specs: readonly TopicSpec[]): Promise<string[]>;
  listTopics(): Promise<string[]>;
  /** Round trip to the cluster; throws when the broker cannot be reached. */
  ping(): Promise<void>;
  /**
   * The cluster's id as the broker reports it (KRaft or ZooKeeper cluster id): tells records of one
   * cluster from records of another at the same topic, partition and offset.
   */
  clusterId(): Promise<string>;
  /** Lag per partition of a group; without topics, every topic the group has committed offsets for. */
  consumerLag(groupId: string, topics?: string[]): Promise<PartitionLag[]>;
  /** Every consumer group the cluster knows. */
  listGroups(): Promise<string[]>;
  /** The end (high-water) offset of every partition of a topic. */
  topicEndOffsets(topic: string): Promise<{ partition: number; offset: string }[]>;
  disconnect(): Promise<void>;
}

export interface MessageBroker {
  producer(clientId: string): Promise<BrokerProducer>;
  consumer(options: ConsumerOptions): Promise<BrokerConsumer>;
  admin(clientId: string): Promise<BrokerAdmin>;
}
