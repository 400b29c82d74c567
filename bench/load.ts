/**
 * The bench's two ends of the pipeline, both plain Kafka clients from libs/testing (not our
 * messaging library): an intake system producing waitlist `entered` events with valid consent,
 * and an observer of samenspel.task.v1 that notes when each youngster's bridging-offer task was
 * created (the `at` of `nl.samenspel.task.created.v1`) and when it was seen, and of
 * samenspel.bridging.v1 for when the offer before it was made (the `time` of
 * `nl.samenspel.bridging.offered.v1`): the two hops of a flow.
 */
import { BRIDGING_EVENT_TYPES, TASK_EVENT_TYPES, TOPICS } from '@samenspel/contracts';
import { enteredEvent, TestKafka, toRecord, TopicRecorder, waitFor } from '@samenspel/testing';

const INTAKE = 'urn:jeugdzorg:intake:regio-utrecht';
const INTERESTS = [['music'], ['sport', 'gaming'], ['creative'], ['outdoor', 'music'], ['cooking']];

export interface Sent {
  youthRef: string;
  /** Date.now() just before the event was handed to the producer. */
  sentAt: number;
}

export class IntakeProducer {
  private readonly kafka = new TestKafka();
  private counter = 0;

  constructor(private readonly municipalities: string[]) {}

  private record(): { record: ReturnType<typeof toRecord>; youthRef: string } {
    const i = this.counter++;
    const event = enteredEvent(INTAKE, {
      waitlistEntryId: `BENCH-WL-${process.pid}-${i}-${Date.now().toString(36)}`,
      municipalityCode: this.municipalities[i % this.municipalities.length],
      postcode4: String(3511 + (i % 40)),
      interests: INTERESTS[i % INTERESTS.length],
    });
    return { record: toRecord(event, 'structured'), youthRef: String(event.data.youthRef) };
  }

  /** `count` events as fast as the producer takes them, in batches of 500 (acks=all). */
  async burst(count: number): Promise<Sent[]> {
    const sent: Sent[] = [];
    const inFlight: Promise<unknown>[] = [];
    for (let n = 0; n < count; n += 500) {
      const batch = Array.from({ length: Math.min(500, count - n) }, () => this.record());
      const sentAt = Date.now();
      for (const b of batch) sent.push({ youthRef: b.youthRef, sentAt });
      inFlight.push(
        this.kafka.produce(
          TOPICS.waitlist,
          batch.map((b) => b.record),
        ),
      );
      if (inFlight.length >= 8) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return sent;
  }

  /**
   * An open-loop load at `rate` events per second for `seconds`: every 10 ms it sends what the
   * schedule says is due, without waiting for earlier sends, so a slow acknowledgement does not
   * slow the offered load down.
   */
  async atRate(rate: number, seconds: number): Promise<Sent[]> {
    const total = Math.round(rate * seconds);
    const sent: Sent[] = [];
    const inFlight: Promise<unknown>[] = [];
    const started = Date.now();
    while (sent.length < total) {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate) + 1);
      if (due > sent.length) {
        const batch = Array.from({ length: due - sent.length }, () => this.record());
        const sentAt = Date.now();
        for (const b of batch) sent.push({ youthRef: b.youthRef, sentAt });
        inFlight.push(
          this.kafka.produce(
            TOPICS.waitlist,
            batch.map((b) => b.record),
          ),
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(inFlight);
    return sent;
  }

  close(): Promise<void> {
    return this.kafka.close();
  }
}

export interface TaskSeen {
  /** The task's creation time in the notification service (`data.at`), ms since the epoch. */
  createdAt: number;
  /** When the observer received the event. */
  seenAt: number;
  /** When waitlist-bridging made the offer the task is for (its event's `time`), ms since the epoch. */
  offeredAt: number;
}

export class TaskObserver {
  private readonly tasks = new Map<string, Omit<TaskSeen, 'offeredAt'>>();
  private readonly offers = new Map<string, number>();

  private constructor(
    private readonly recorder: TopicRecorder,
    private readonly offerRecorder: TopicRecorder,
  ) {}

  static async start(brokers: string): Promise<TaskObserver> {
    return new TaskObserver(
      await TopicRecorder.start(TOPICS.task, brokers),
      await TopicRecorder.start(TOPICS.bridging, brokers),
    );
  }

  /** Moves what the recorders received into the maps (and lets the recorders forget it). */
  private collect(): void {
    for (const r of this.recorder.records.splice(0)) {
      const data = r.event?.data;
      if (r.event?.type !== TASK_EVENT_TYPES.created || data?.type !== 'bridging-offer') continue;
      const youthRef = String(data.youthRef);
      if (!this.tasks.has(youthRef)) {
        this.tasks.set(youthRef, { createdAt: Date.parse(String(data.at)), seenAt: r.receivedAt });
      }
    }
    for (const r of this.offerRecorder.records.splice(0)) {
      if (r.event?.type !== BRIDGING_EVENT_TYPES.offered) continue;
      const youthRef = String(r.event.data?.youthRef);
      if (!this.offers.has(youthRef)) this.offers.set(youthRef, Date.parse(String(r.event.time)));
    }
  }

  private complete = (youthRef: string) => this.tasks.has(youthRef) && this.offers.has(youthRef);

  /** Waits until every sent youngster has a task, and returns the tasks in the order sent. */
  async tasksFor(sent: Sent[], timeoutMs: number): Promise<TaskSeen[]> {
    await waitFor(
      () => {
        this.collect();
        return sent.every((s) => this.complete(s.youthRef));
      },
      {
        timeoutMs,
        intervalMs: 100,
        description: `tasks for ${sent.length} youngsters`,
      },
    ).catch((error: Error) => {
      this.collect();
      const have = sent.filter((s) => this.tasks.has(s.youthRef)).length;
      throw new Error(`${error.message}; ${have} of ${sent.length} arrived`);
    });
    return sent.map((s) => ({ ...this.tasks.get(s.youthRef)!, offeredAt: this.offers.get(s.youthRef)! }));
  }

  /** How many of these youngsters have a task now. */
  count(sent: Sent[]): number {
    this.collect();
    return sent.filter((s) => this.tasks.has(s.youthRef)).length;
  }

  /** Forgets the tasks of earlier phases (memory stays flat over a long run). */
  forget(sent: Sent[]): void {
    for (const s of sent) {
      this.tasks.delete(s.youthRef);
      this.offers.delete(s.youthRef);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.recorder.stop(), this.offerRecorder.stop()]);
  }
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
