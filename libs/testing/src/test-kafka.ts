import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { aUniqueName } from './synthetic';
import { waitFor } from './wait-for';

export interface RawRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * A plain kafkajs client for tests: what an intake system or an operator would use, deliberately
 * not our messaging library, so tests see the wire as it is.
 */
export class TestKafka {
  private readonly kafka = new Kafka({
    clientId: aUniqueName('test-client'),
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  private readonly producer = this.kafka.producer({ allowAutoTopicCreation: false });
  private readonly admin = this.kafka.admin();
  private connected = false;

  private async connect(): Promise<void> {
    if (this.connected) return;
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    this.connected = true;
  }

  /** Creates a uniquely named topic and its .dlq, and waits until every partition has a leader. */
  async createTopic(prefix: string, partitions = 6): Promise<string> {
    await this.connect();
    const topic = aUniqueName(prefix).replace(/_/g, '.');
    const wanted = [
      { topic, numPartitions: partitions },
      { topic: `${topic}.dlq`, numPartitions: 3 },
    ];
    // On a busy or freshly started broker the metadata can lag the creation: create without
    // waiting inside kafkajs, then poll the metadata ourselves (bounded).
    await this.admin.createTopics({ waitForLeaders: false, topics: wanted });
    await waitFor(
      async () => {
        const { topics } = await this.admin.fetchTopicMetadata({ topics: wanted.map((w) => w.topic) });
        return wanted.every((w) => {
          const found = topics.find((t) => t.name === w.topic);
          return found?.partitions.length === w.numPartitions && found.partitions.every((p) => p.leader >= 0);
        });
      },
      { timeoutMs: 30000, intervalMs: 100, description: `leaders for ${topic}` },
    );
    return topic;
  }

  async produce(
    topic: string,
    messages: { key: string | null; value: string | Buffer | null; headers?: IHeaders; partition?: number }[],
  ): Promise<{ partition: number; baseOffset: string }[]> {
    await this.connect();
    // Where the records landed: within one partition of one send, offsets follow the base offset.
    const landed = await this.producer.send({ topic, acks: -1, messages });
    return landed.map((r) => ({ partition: r.partition, baseOffset: r.baseOffset ?? '-1' }));
  }

  /** Every record on the topic, read with a throwaway group from the beginning up to the current end. */
  async readAll(topic: string): Promise<RawRecord[]> {
    await this.connect();
    const ends = await this.admin.fetchTopicOffsets(topic);
    const target = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
    const total = ends.reduce((n, e) => n + Number(BigInt(e.high) - BigInt(e.low)), 0);
    const records: RawRecord[] = [];
    if (total === 0) return records;
    const consumer = this.kafka.consumer({ groupId: aUniqueName('reader'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const reached = new Map<number, bigint>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${records.length}/${total} records of ${topic}`)),
        60000,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            records.push({
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
              ),
            });
            reached.set(partition, BigInt(message.offset) + 1n);
            if (
              [...target].every(
                ([p, high]) => (reached.get(p) ?? BigInt(ends.find((e) => e.partition === p)!.low)) >= high,
              )
            ) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return records;
  }

  /**
   * A consumer that joins `groupId`, commits `offset` on one partition of `topic`, and then stops
   * consuming (paused, still a live member): a deliberately lagging group. Disconnect it when done.
   */
  async pausedConsumerAt(
    groupId: string,
    topic: string,
    partition: number,
    offset: number,
  ): Promise<{ disconnect(): Promise<void> }> {
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let committed = false;
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition: p, message }) => {
        if (committed || p !== partition || BigInt(message.offset) < BigInt(offset - 1)) return;
        await consumer.commitOffsets([{ topic, partition, offset: String(offset) }]);
        committed = true;
        consumer.pause([{ topic }]);
      },
    });
    await waitFor(() => committed, { timeoutMs: 30000, description: 'the paused consumer committed' });
    return consumer;
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    await this.connect();
    const [result] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(result.partitions.map((p) => [p.partition, p.offset]));
  }

  async close(): Promise<void> {
    if (!this.connected) return;
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
    this.connected = false;
  }
}
