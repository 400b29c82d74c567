import {
  installedKafkaJsVersion,
  kafkaJsRequestQueue,
  REPAIRED_KAFKAJS_VERSION,
  repairKafkaJsRequestQueue,
  type RequestQueueInternals,
} from './kafkajs-request-queue';

type Queue = RequestQueueInternals & { destroy(): void };

describe("kafkajs's request queue", () => {
  const RequestQueue = kafkaJsRequestQueue() as unknown as new (options: object) => Queue;
  const logger = { debug: () => undefined, warn: () => undefined, error: () => undefined };
  const queues: Queue[] = [];
  const newQueue = () => {
    const queue = new RequestQueue({
      maxInFlightRequests: 1,
      requestTimeout: 30000,
      logger,
      broker: 'b:9092',
    });
    queues.push(queue);
    return queue;
  };

  beforeAll(() => expect(repairKafkaJsRequestQueue()).toBe(true));
  afterEach(() => queues.splice(0).forEach((q) => q.destroy()));

  it('is the version the repair was written for: review kafkajs-request-queue.ts on an upgrade', () => {
    expect(installedKafkaJsVersion()).toBe(REPAIRED_KAFKAJS_VERSION);
  });

  it.each([
    // pending requests, throttled for (ms) → a check is scheduled
    [0, 0, false],
    [0, -5000, false],
    [0, 200, true],
    [1, 0, true],
    [1, 200, true],
  ])(
    'with %i pending and a throttle ending in %i ms, schedules a check: %s',
    (pending, throttleMs, scheduled) => {
      const queue = newQueue();
      queue.pending = Array.from({ length: pending }, () => ({}));
      queue.throttledUntil = throttleMs === 0 ? -1 : Date.now() + throttleMs;

      queue.scheduleCheckPendingRequests();

      expect(queue.throttleCheckTimeoutId !== null).toBe(scheduled);
    },
  );

  it('checks a request waiting behind the throttle once the throttle ends, and then schedules nothing', async () => {
    const queue = newQueue();
    const check = queue.checkPendingRequests.bind(queue);
    const start = Date.now();
    queue.throttledUntil = start + 30;
    queue.pending = [{}];
    // The waiting request goes once the throttle is over; kafkajs would send it here.
    const sentAt = new Promise<number>((resolve) => {
      queue.checkPendingRequests = () => {
        const over = Date.now() >= queue.throttledUntil;
        if (over) queue.pending = [];
        check();
        if (over) resolve(Date.now());
      };
    });

    queue.scheduleCheckPendingRequests();

    expect((await sentAt) - start).toBeGreaterThanOrEqual(30);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });
});
