import { randomBytes } from 'node:crypto';
import { samenspelContracts } from '@samenspel/contracts';
import { TestKafka, TopicRecorder, waitFor } from '@samenspel/testing';
import fc from 'fast-check';
import type { Client } from 'pg';
import { consumedEventTypes, consumingServices } from './consumed-event-types';
import type { FuzzedService } from './fuzz-services';
import { fuzzParameters, FUZZ_SEED } from './fuzz-settings';
import { envelope, eventCases, plainValidData, structured, type FuzzCase } from './hostile-events';

const contracts = samenspelContracts();

/** One consuming service and one topic it consumes, with the types it handles there. */
export interface EventFuzzSubject {
  service: string;
  topic: string;
  types: string[];
}

/** Every (service, topic) pair with handlers, read from the services' @OnCloudEvent handlers. */
export function eventFuzzSubjects(): EventFuzzSubject[] {
  return consumingServices().flatMap((service) => {
    const byTopic = new Map<string, string[]>();
    for (const type of consumedEventTypes(service)) {
      const topic = contracts.get(type)!.topic;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), type]);
    }
    return [...byTopic].map(([topic, types]) => ({ service, topic, types }));
  });
}

interface Outcome {
  applied: boolean;
  reason?: string;
}

export interface EventFuzzSummary {
  /** Runs of the property, each with its batch and one sentinel. */
  runs: number;
  records: number;
  applied: number;
  deadLettered: number;
  /** Valid records whose handler failed: dead-lettered with a reason, but worth a look. */
  validButFailed: string[];
}

/**
 * Runs the property for one subject: each run produces a batch of hostile and odd records on one
 * key (so one partition), then a valid sentinel on the same key, and checks that the sentinel is
 * applied (nothing blocks the partition), that the service stays alive and ready, and that every
 * record is accounted for: bad ones are in `<topic>.dlq` with a reason and had no effect, valid
 * ones were applied (or their handler failed and said why), and none was silently dropped.
 */
export async function fuzzConsumedTopic(
  { service, topic, types }: EventFuzzSubject,
  { sut, db }: FuzzedService,
  kafka: TestKafka,
  deadLetters: TopicRecorder,
  runs: number,
): Promise<EventFuzzSummary> {
  const summary: EventFuzzSummary = { runs: 0, records: 0, applied: 0, deadLettered: 0, validButFailed: [] };
  const batch = fc.stringMatching(/^yr_fz[0-9a-f]{10}$/).chain((key) =>
    fc
      .array(
        fc.constantFrom(...types).chain((type) => eventCases(type, types, key)),
        { minLength: 4, maxLength: 10 },
      )
      .map((cases) => ({ key, cases })),
  );

  await fc.assert(
    fc.asyncProperty(batch, async ({ key, cases }) => {
      const run = randomBytes(4).toString('hex');
      const ids = cases.map((_, i) => `fz-${run}-${i}`);
      const [landed] = await kafka.produce(
        topic,
        cases.map((c, i) => ({ key, ...c.make(ids[i]) })),
      );
      const offsets = cases.map((_, i) => String(BigInt(landed.baseOffset) + BigInt(i)));

      // The sentinel: an ordinary valid event on the same key, so the same partition, after the bad ones.
      const sentinelId = `fz-${run}-sentinel`;
      const [sentinel] = fc.sample(plainValidData(types[0], key), { seed: FUZZ_SEED, numRuns: 1 });
      const [sentinelLanded] = await kafka.produce(topic, [
        { key, ...structured(envelope(sentinelId, types[0], sentinel)) },
      ]);
      expect(sentinelLanded.partition).toBe(landed.partition);
      await waitFor(
        async () => {
          if (sut.process.child.exitCode !== null) throw new Error(`${service} exited`);
          const { rowCount } = await db.query('SELECT 1 FROM inbox_event WHERE event_id = $1', [sentinelId]);
          return rowCount === 1;
        },
        {
          timeoutMs: 30000,
          intervalMs: 100,
          description: `${service} to apply the sentinel after ${cases.join('; ')}`,
        },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${sut.process.logs.slice(-3000)}`);
      });

      // Every record has one outcome; a dead letter may reach the recorder a moment after the sentinel.
      const read = () => outcomesOf(db, deadLetters, sut.groupId, topic, landed.partition, offsets);
      const outcomes = await waitFor(
        async () => {
          const found = await read();
          return found.every((o) => o.applied || o.reason !== undefined) ? found : undefined;
        },
        { timeoutMs: 15000, intervalMs: 100, description: 'every fuzz record applied or dead-lettered' },
      ).catch(async (error: Error) => {
        const found = await read();
        const lost = cases.filter((_, i) => !found[i].applied && found[i].reason === undefined);
        throw new Error(`${error.message}; lost: ${lost.join('; ')}`);
      });
      expect(cases.flatMap((c, i) => violation(c, outcomes[i]) ?? [])).toEqual([]);
      expect((await fetch(`${sut.baseUrl}/health/ready`)).status).toBe(200);

      summary.runs += 1;
      summary.records += cases.length;
      summary.applied += outcomes.filter((o) => o.applied).length + 1;
      summary.deadLettered += outcomes.filter((o) => o.reason !== undefined).length;
      cases.forEach((c, i) => {
        if (c.expect === 'valid' && !outcomes[i].applied)
          summary.validButFailed.push(`${c}: ${outcomes[i].reason}`);
      });
    }),
    fuzzParameters(runs, `${service} ${topic}`),
  );
  return summary;
}

async function outcomesOf(
  db: Client,
  recorder: TopicRecorder,
  consumer: string,
  topic: string,
  partition: number,
  offsets: string[],
): Promise<Outcome[]> {
  const { rows } = await db.query<{ offset: string }>(
    'SELECT "offset"::text AS "offset" FROM inbox_event WHERE topic = $1 AND partition = $2 AND "offset" = ANY($3::bigint[])',
    [topic, partition, offsets],
  );
  const appliedOffsets = new Set(rows.map((r) => r.offset));
  return offsets.map((offset) => {
    const letter = recorder.records.find(
      (r) =>
        r.headers['dlq-consumer'] === consumer &&
        r.headers['dlq-original-topic'] === topic &&
        r.headers['dlq-original-partition'] === String(partition) &&
        r.headers['dlq-original-offset'] === offset,
    );
    return { applied: appliedOffsets.has(offset), reason: letter?.headers['dlq-reason'] };
  });
}

/** What is wrong with a record's outcome, if anything. */
function violation(c: FuzzCase, o: Outcome): string | undefined {
  if (o.applied && o.reason !== undefined) return `${c}: applied and dead-lettered`;
  if (o.reason === '') return `${c}: dead-lettered without a reason`;
  if (c.expect === 'dead-letter' && o.applied) return `${c}: applied, but breaks the contract`;
  if (c.expect === 'valid' && !o.applied && !o.reason?.startsWith('handler-failed')) {
    return `${c}: valid, but dead-lettered as "${o.reason}"`;
  }
  return undefined;
}

/** The service's applied and dead-letter counters of one topic, from its /metrics. */
export async function outcomeCounters(baseUrl: string, topic: string) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const sum = (metric: string, extra: string) =>
    text
      .split('\n')
      .filter(
        (line) => line.startsWith(`${metric}{`) && line.includes(`topic="${topic}"`) && line.includes(extra),
      )
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return {
    applied: sum('samenspel_events_consumed_total', 'outcome="applied"'),
    deadLettered: sum('samenspel_dead_letters_total', ''),
  };
}
