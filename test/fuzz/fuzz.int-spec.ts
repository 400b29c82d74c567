import { dlqTopic } from '@samenspel/contracts';
import { TestKafka, TopicRecorder } from '@samenspel/testing';
import { eventFuzzSubjects, fuzzConsumedTopic, outcomeCounters } from './event-fuzz';
import { SERVICE_NAMES, startFuzzedServices, stopFuzzedServices, type FuzzedService } from './fuzz-services';
import { fuzzWriteEndpoints } from './http-fuzz';

/**
 * Property-based fuzzing (fast-check) of every inbound event type and every write endpoint, against
 * the real services on the real broker and database. Each service starts once for the whole file.
 * Bounded for `npm test`: a fixed seed and a few runs per property; FUZZ_SEED, FUZZ_RUNS and
 * FUZZ_SHRINK=1 widen it (see docs/privacy.md).
 */
const EVENT_RUNS_PER_TOPIC = 6;
const HTTP_RUNS_PER_OPERATION = 25;
const subjects = eventFuzzSubjects();

describe('fuzzing', () => {
  const kafka = new TestKafka();
  let services = new Map<string, FuzzedService>();
  const deadLetters = new Map<string, TopicRecorder>();

  beforeAll(async () => {
    services = await startFuzzedServices();
    for (const topic of new Set(subjects.map((s) => dlqTopic(s.topic)))) {
      deadLetters.set(topic, await TopicRecorder.start(topic));
    }
  }, 180000);

  afterAll(async () => {
    await Promise.all([...deadLetters.values()].map((r) => r.stop()));
    await stopFuzzedServices(services);
    await kafka.close();
  });

  describe('every inbound event type', () => {
    it.each(subjects)(
      '$service dead-letters hostile $topic events with a reason, applies valid ones, and keeps consuming',
      async (subject) => {
        const service = services.get(subject.service)!;
        const before = await outcomeCounters(service.sut.baseUrl, subject.topic);
        const summary = await fuzzConsumedTopic(
          subject,
          service,
          kafka,
          deadLetters.get(dlqTopic(subject.topic))!,
          EVENT_RUNS_PER_TOPIC,
        );
        process.stdout.write(`${subject.service} ${subject.topic}: ${JSON.stringify(summary)}\n`);
        expect(summary.applied + summary.deadLettered).toBe(summary.records + summary.runs);
        // The service's own counters saw at least ours (the topic is shared with other tests).
        const after = await outcomeCounters(service.sut.baseUrl, subject.topic);
        expect(after.deadLettered - before.deadLettered).toBeGreaterThanOrEqual(summary.deadLettered);
        expect(after.applied - before.applied).toBeGreaterThanOrEqual(summary.applied);
      },
    );
  });

  describe('every write endpoint', () => {
    it.each([...SERVICE_NAMES])(
      '%s answers hostile requests to its write endpoints without a 5xx, with problem+json, and stays ready',
      async (name) => {
        const { sut } = services.get(name)!;
        const summary = await fuzzWriteEndpoints(sut, HTTP_RUNS_PER_OPERATION);
        process.stdout.write(`${name}: ${JSON.stringify(summary)}\n`);
        expect(summary.operations.length).toBeGreaterThan(0);
        expect((await fetch(`${sut.baseUrl}/health/ready`)).status).toBe(200);
        expect(sut.process.child.exitCode).toBeNull();
      },
    );
  });
});
