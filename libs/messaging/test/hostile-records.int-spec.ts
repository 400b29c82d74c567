import { DEFAULT_MAX_EVENT_BYTES } from '@samenspel/messaging';
import { aYouthRef, waitFor } from '@samenspel/testing';
import { LEDGER_CREDITED } from '../../../test/fixtures/ledger/ledger.contract';
import { aLedgerWorldPerTest, credit, ledgerRows } from './ledger-harness';

const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * Records no intake system should send: too large, not UTF-8, binary mode with broken headers.
 * Each goes to `<topic>.dlq` with its reason and original coordinates, and the valid event after
 * them on the same partition is still applied.
 */
describe('hostile records on the real broker', () => {
  const aLedgerWorld = aLedgerWorldPerTest();

  it('dead-letters oversized and undecodable records with a reason and keeps consuming the partition', async () => {
    const world = await aLedgerWorld('hostile');
    await world.start();
    const youthRef = aYouthRef();

    // A valid event, but 300 KiB: over the default EVENT_MAX_BYTES (256 KiB) and under the broker's
    // default message.max.bytes (1 MiB), so the broker takes it (and its dead letter) as it is.
    const big = JSON.parse(credit(youthRef, 1).value);
    big.xpadding = 'p'.repeat(300 * 1024);
    const oversized = {
      key: youthRef,
      value: JSON.stringify(big),
      headers: { 'content-type': 'application/cloudevents+json' },
    };

    // A valid event but for two bytes that are no UTF-8 (0xC3 0x28) inside its id: decoded
    // leniently it would become U+FFFD and pass.
    const [head, tail] = credit(youthRef, 2).value.split('"id":"');
    const notUtf8 = Buffer.concat([
      Buffer.from(`${head}"id":"bad-utf8-`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`-${tail}`),
    ]);

    const binaryHeaders = {
      ce_specversion: '1.0',
      ce_source: 'urn:samenspel:test:producer',
      'content-type': 'application/json',
    };
    // Hostile attribute values: the reasons name the rule and quote none of them.
    const structured = JSON.parse(credit(youthRef, 5).value);
    const hostile = (attributes: Record<string, string>) => ({
      key: youthRef,
      value: JSON.stringify({ ...structured, ...attributes }),
      headers: { 'content-type': 'application/cloudevents+json' },
      partition: 0,
    });
    const good = credit(youthRef, 8);
    const landed = await world.kafka.produce(world.inTopic, [
      { ...oversized, partition: 0 },
      {
        key: youthRef,
        value: notUtf8,
        headers: { 'content-type': 'application/cloudevents+json' },
        partition: 0,
      },
      // Binary mode with an id header that is not UTF-8, and one with no type at all.
      {
        key: youthRef,
        value: JSON.stringify({ youthRef, seq: 3, amount: 1 }),
        headers: { ...binaryHeaders, ce_id: Buffer.from([0xff, 0xfe, 0x41]), ce_type: LEDGER_CREDITED },
        partition: 0,
      },
      {
        key: youthRef,
        value: JSON.stringify({ youthRef, seq: 4, amount: 1 }),
        headers: { ...binaryHeaders, ce_id: 'no-type-4' },
        partition: 0,
      },
      hostile({ id: 'hostile-type-5', type: `${HOSTILE}.v1` }),
      hostile({ id: 'hostile-spec-6', specversion: HOSTILE }),
      hostile({ id: 'hostile-content-7', datacontenttype: HOSTILE }),
      { ...good, partition: 0 },
    ]);
    const base = BigInt(landed[0].baseOffset);
    const offset = (i: number) => String(base + BigInt(i));

    const rows = await waitFor(
      async () => {
        const r = await ledgerRows(world.db);
        return r.length > 0 && r;
      },
      { description: 'the valid event after the hostile ones applied' },
    );
    expect(rows.map((r) => r.seq)).toEqual([8]);

    const letters = await waitFor(
      async () => {
        const l = await world.kafka.readAll(`${world.inTopic}.dlq`);
        return l.length === 7 && l;
      },
      { description: 'seven dead letters' },
    );
    const byOffset = new Map(letters.map((l) => [l.headers['dlq-original-offset'], l]));
    for (const letter of letters) {
      expect(letter.headers['dlq-original-topic']).toBe(world.inTopic);
      expect(letter.headers['dlq-original-partition']).toBe('0');
      expect(letter.key).toBe(youthRef);
    }

    const tooBig = byOffset.get(offset(0))!;
    expect(tooBig.headers['dlq-reason']).toMatch(
      new RegExp(`^oversized: \\d+ bytes, over the limit of ${DEFAULT_MAX_EVENT_BYTES}$`),
    );
    expect(Number(/^oversized: (\d+)/.exec(tooBig.headers['dlq-reason'])![1])).toBeGreaterThan(300 * 1024);
    // The dead letter keeps the original value byte for byte, for inspection.
    expect(tooBig.value).toBe(oversized.value);

    expect(byOffset.get(offset(1))!.headers['dlq-reason']).toBe(
      'invalid-envelope: structured event is not valid UTF-8',
    );
    expect(byOffset.get(offset(2))!.headers['dlq-reason']).toBe(
      'invalid-envelope: header ce_id is not valid UTF-8',
    );
    expect(byOffset.get(offset(3))!.headers['dlq-reason']).toBe(
      'invalid-envelope: missing CloudEvents attribute "type"',
    );

    expect([4, 5, 6].map((i) => byOffset.get(offset(i))!.headers['dlq-reason'])).toEqual([
      'unknown-event-type',
      'invalid-envelope: unsupported specversion (1.0 only)',
      'invalid-envelope: unsupported datacontenttype (JSON only)',
    ]);
    expect(letters.map((l) => l.headers['dlq-reason']).filter((r) => r.includes('<img'))).toEqual([]);

    await waitFor(
      async () => (await world.kafka.committedOffsets(world.groupId, world.inTopic)).get(0) === offset(8),
      { description: 'offset committed past all eight records' },
    );
  });

  it('applies the limit the service is configured with (EVENT_MAX_BYTES)', async () => {
    const world = await aLedgerWorld('hostilelimit');
    await world.start('ledger-1', { EVENT_MAX_BYTES: '2048' });
    const youthRef = aYouthRef();
    const small = credit(youthRef, 1);
    const large = credit(youthRef, 2);
    const padded = JSON.parse(large.value);
    padded.xpadding = 'p'.repeat(4096);

    await world.kafka.produce(world.inTopic, [
      { ...large, value: JSON.stringify(padded), partition: 1 },
      { ...small, partition: 1 },
    ]);

    await waitFor(async () => (await ledgerRows(world.db)).length === 1, {
      description: 'the small event applied',
    });
    const [letter] = await waitFor(async () => {
      const l = await world.kafka.readAll(`${world.inTopic}.dlq`);
      return l.length === 1 && l;
    });
    expect(letter.headers['dlq-reason']).toMatch(/^oversized: \d+ bytes, over the limit of 2048$/);
    expect(letter.headers['dlq-original-partition']).toBe('1');
  });
});
