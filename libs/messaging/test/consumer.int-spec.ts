import { aYouthRef, waitFor } from '@samenspel/testing';
import { aLedgerWorldPerTest, credit, ledgerRows } from './ledger-harness';

describe('the consuming half of the messaging core, in a real service process on the real broker', () => {
  const aLedgerWorld = aLedgerWorldPerTest();

  it('applies an event delivered twice (same source and id) exactly once', async () => {
    const world = await aLedgerWorld('dup');
    await world.start();
    const youthRef = aYouthRef();
    const event = credit(youthRef, 1);
    await world.kafka.produce(world.inTopic, [event, event]);
    await world.kafka.produce(world.inTopic, [credit(youthRef, 2)]);

    // The later event being applied proves the duplicate before it on the same partition was handled.
    const rows = await waitFor(async () => {
      const r = await ledgerRows(world.db);
      return r.some((x) => x.seq === 2) && r;
    });
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    const [{ n }] = await world.db.dataSource.query(`SELECT count(*)::int AS n FROM inbox_event`);
    expect(n).toBe(2);
  });

  it('sends poison messages to the DLQ with a reason and keeps consuming the partition', async () => {
    const world = await aLedgerWorld('poison');
    await world.start();
    const youthRef = aYouthRef();
    const good = credit(youthRef, 1);
    const missingField = JSON.parse(good.value);
    delete missingField.data.seq;
    missingField.id = 'missing-field-1';
    // All on partition 0, so the good event after the poison ones proves the partition is not blocked.
    await world.kafka.produce(world.inTopic, [
      {
        key: youthRef,
        value: '{"specversion": "1.0", "id": ',
        partition: 0,
        headers: { 'content-type': 'application/cloudevents+json', 'x-origin': 'test' },
      },
      { key: youthRef, value: JSON.stringify(missingField), partition: 0 },
      { ...good, partition: 0 },
    ]);

    await waitFor(async () => (await ledgerRows(world.db)).length === 1, {
      description: 'the good event applied',
    });
    const letters = await waitFor(async () => {
      const l = await world.kafka.readAll(`${world.inTopic}.dlq`);
      return l.length === 2 && l;
    });
    const [badJson, noSeq] = letters.sort(
      (a, b) => Number(a.headers['dlq-original-offset']) - Number(b.headers['dlq-original-offset']),
    );
    expect(badJson.headers['dlq-reason']).toMatch(/^invalid-envelope: structured event is not valid JSON/);
    expect(badJson.value).toBe('{"specversion": "1.0", "id": ');
    expect(badJson.key).toBe(youthRef);
    expect(badJson.headers['x-origin']).toBe('test');
    expect(badJson.headers['dlq-original-topic']).toBe(world.inTopic);
    expect(badJson.headers['dlq-original-partition']).toBe('0');
    expect(badJson.headers['dlq-original-offset']).toBe('0');
    expect(noSeq.headers['dlq-reason']).toMatch(/^invalid-data: seq: /);
    expect(noSeq.headers['dlq-original-offset']).toBe('1');
    const committed = await world.kafka.committedOffsets(world.groupId, world.inTopic);
    await waitFor(
      async () => (await world.kafka.committedOffsets(world.groupId, world.inTopic)).get(0) === '3',
      {
        description: 'offset committed past all three messages',
      },
    );
    expect(committed.size).toBeGreaterThan(0);
  });

  it('retries a failing handler with backoff, then dead-letters it without losing its neighbours', async () => {
    const world = await aLedgerWorld('retry');
    await world.start();
    const youthRef = aYouthRef();
    await world.kafka.produce(world.inTopic, [
      credit(youthRef, 1, { failTimes: 2 }), // fails twice, succeeds on the third of three attempts
      credit(youthRef, 2, { failTimes: 99 }), // never succeeds: dead-lettered after three attempts
      credit(youthRef, 3),
    ]);
    const rows = await waitFor(async () => {
      const r = await ledgerRows(world.db);
      return r.length === 2 && r;
    });
    expect(rows.map((r) => r.seq)).toEqual([1, 3]);
    const [letter] = await waitFor(async () => {
      const l = await world.kafka.readAll(`${world.inTopic}.dlq`);
      return l.length === 1 && l;
    });
    expect(letter.headers['dlq-reason']).toBe(
      'handler-failed after 3 attempts: Error: induced failure for seq 2',
    );
    const [{ failures }] = await world.db.dataSource.query(
      `SELECT failures FROM ledger_failure WHERE event_id = $1`,
      [JSON.parse(letter.value!).id],
    );
    expect(failures).toBe(3);
  });

  it('accepts binary-mode CloudEvents (ce_ headers) as well as structured mode', async () => {
    const world = await aLedgerWorld('binary');
    await world.start();
    const youthRef = aYouthRef();
    await world.kafka.produce(world.inTopic, [
      {
        key: youthRef,
        value: JSON.stringify({ youthRef, seq: 7, amount: 3 }),
        headers: {
          ce_specversion: '1.0',
          ce_id: 'binary-1',
          ce_source: 'urn:jeugdzorg:intake:test',
          ce_type: 'nl.samenspel.test.ledger.credited.v1',
          'content-type': 'application/json',
        },
      },
    ]);
    const [row] = await waitFor(async () => {
      const r = await ledgerRows(world.db);
      return r.length === 1 && r;
    });
    expect(row).toMatchObject({ youth_ref: youthRef, seq: 7, event_id: 'binary-1' });
  });

  it('keeps per-key order for 1,000 events over 50 keys spread across partitions', async () => {
    const world = await aLedgerWorld('order');
    await world.start();
    const keys = Array.from({ length: 50 }, () => aYouthRef());
    const events = Array.from({ length: 1000 }, (_, i) => credit(keys[i % 50], Math.floor(i / 50)));
    for (let i = 0; i < events.length; i += 200)
      await world.kafka.produce(world.inTopic, events.slice(i, i + 200));

    const rows = await waitFor(
      async () => {
        const r = await ledgerRows(world.db);
        return r.length === 1000 && r;
      },
      { timeoutMs: 60000, description: '1,000 events applied' },
    );
    const partitions = new Set(
      (await world.db.dataSource.query(`SELECT DISTINCT partition FROM ledger_entry`)).map(
        (r: { partition: number }) => r.partition,
      ),
    );
    expect(partitions.size).toBeGreaterThanOrEqual(4); // 50 keys over 6 partitions
    const seen = new Map<string, number[]>();
    for (const r of rows) seen.set(r.youth_ref, [...(seen.get(r.youth_ref) ?? []), r.seq]);
    expect(seen.size).toBe(50);
    for (const seqs of seen.values()) expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('carries the W3C traceparent and correlation id through the handler into its events and logs', async () => {
    const world = await aLedgerWorld('trace');
    const service = await world.start();
    const youthRef = aYouthRef();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const event = credit(youthRef, 1, { failTimes: 1 }); // one failure, so the service logs a warning
    await world.kafka.produce(world.inTopic, [
      {
        ...event,
        headers: {
          ...event.headers,
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
          'correlation-id': 'corr-trace-1',
        },
      },
    ]);
    const [followUp] = await waitFor(async () => {
      const records = await world.kafka.readAll(world.outTopic);
      return records.length === 1 && records;
    });
    const published = JSON.parse(followUp.value!);
    expect(published.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(published.correlationid).toBe('corr-trace-1');
    expect(followUp.headers.traceparent).toBe(published.traceparent);
    expect(followUp.headers['correlation-id']).toBe('corr-trace-1');
    const warning = service.logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === 'handler failed');
    expect(warning).toMatchObject({ traceId, correlationId: 'corr-trace-1', level: 'warn' });
  });
});
