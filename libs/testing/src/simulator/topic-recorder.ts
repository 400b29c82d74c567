import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { aUniqueName } from '../synthetic';

/** One record as a recorder saw it, with its value parsed when it is JSON (structured CloudEvents). */
export interface RecordedEvent {
  key: string | null;
  headers: Record<string, string>;
  /** The raw value as text (also when it is not JSON). */
  value: string | null;
  /** The parsed value, or undefined when it is not JSON. */
  event?: { id?: string; type?: string; source?: string; data?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
  /** When this process received it (ms since the epoch): for latency measurements. */
  receivedAt: number;
}

/**
 * Records what arrives on a topic from the moment it starts (a throwaway group positioned at the
 * current end of every partition), for tests that wait for an outbound event without re-reading
 * the whole topic.
 */
export class TopicRecorder {
  readonly records: RecordedEvent[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(
    topic: string,
    brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  ): Promise<TopicRecorder> {
    const kafka = new Kafka({
      clientId: aUniqueName('recorder'),
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: aUniqueName('recorder'), maxWaitTimeInMs: 50 });
    const recorder = new TopicRecorder(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString();
        let event: RecordedEvent['event'];
        try {
          event = value ? (JSON.parse(value) as RecordedEvent['event']) : undefined;
        } catch {
          event = undefined;
        }
        recorder.records.push({
          key: message.key?.toString() ?? null,
          value: value ?? null,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
          ),
          event,
          receivedAt: Date.now(),
        });
      },
    });
    for (const e of ends) consumer.seek({ topic, partition: e.partition, offset: e.high });
    await joined;
    return recorder;
  }

  /** The recorded events of one key (youthRef), optionally of one type. */
  of(key: string, type?: string): RecordedEvent[] {
    return this.records.filter((r) => r.key === key && (type === undefined || r.event?.type === type));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
