import { Outbox } from '@samenspel/messaging';
import { aYouthRef, waitFor } from '@samenspel/testing';
import { LEDGER_CREDITED, ledgerContracts } from '../../../test/fixtures/ledger/ledger.contract';
import { aLedgerWorldPerTest, credit, type LedgerWorld } from './ledger-harness';

async function count(world: LedgerWorld, sql: string): Promise<number> {
  const [row] = await world.db.dataSource.query(sql);
  return Number(row.n);
}

const applied = (w: LedgerWorld) => count(w, `SELECT count(*) AS n FROM ledger_entry`);
const appliedDistinct = (w: LedgerWorld) =>
  count(w, `SELECT count(DISTINCT event_id) AS n FROM ledger_entry`);
const unsent = (w: LedgerWorld) => count(w, `SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL`);

describe('the producing half and the process lifecycle, with real processes on the real broker', () => {
  const aLedgerWorld = aLedgerWorldPerTest();

  it('publishes every outbox event after the relay process is killed mid-batch, and applies each once', async () => {
    const world = await aLedgerWorld('relaykill');
    const total = 5000;
    // A backlog written the way services write it: through the outbox, in transactions.
    const outbox = new Outbox('urn:samenspel:test:backlog', ledgerContracts(world.inTopic, world.outTopic));
    const keys = Array.from({ length: 40 }, () => aYouthRef());
    for (let i = 0; i < total; i += 1000) {
      await world.db.dataSource.transaction((em) =>
        outbox.append(
          em,
          Array.from({ length: 1000 }, (_, j) => ({
            type: LEDGER_CREDITED,
            key: keys[(i + j) % 40],
            aggregateType: 'ledger',
            aggregateId: keys[(i + j) % 40],
            data: { youthRef: keys[(i + j) % 40], seq: i + j, amount: 1 },
          })),
        ),
      );
    }
    const first = await world.start('relay-1', { RELAY_BATCH_SIZE: '25' });
    await waitFor(async () => (await unsent(world)) < total - 200, { description: 'the relay under way' });
    await first.stop('SIGKILL');
    const leftAtKill = await unsent(world);
    expect(leftAtKill).toBeGreaterThan(0); // killed mid-way, not after the end

    await world.start('relay-2', { RELAY_BATCH_SIZE: '500' });
    await waitFor(async () => (await unsent(world)) === 0 && (await appliedDistinct(world)) === total, {
      timeoutMs: 110000,
      description: 'every event published and applied',
    });
    expect(await applied(world)).toBe(total); // exactly once: no event applied twice
    const onTopic = await world.kafka.readAll(world.inTopic);
    const ids = new Set(onTopic.map((r) => JSON.parse(r.value!).id));
    expect(ids.size).toBe(total); // every event is on the topic (some possibly twice, from the kill)
  });

  it('exits 0 on SIGTERM under load, and after a restart nothing is lost or applied twice', async () => {
    const world = await aLedgerWorld('sigterm');
    const service = await world.start('svc-1');
    const keys = Array.from({ length: 30 }, () => aYouthRef());
    const total = 3000;
    const events = Array.from({ length: total }, (_, i) => credit(keys[i % 30], i));
    // The load keeps coming while the service is being stopped.
    const producing = (async () => {
      for (let i = 0; i < total; i += 100) await world.kafka.produce(world.inTopic, events.slice(i, i + 100));
    })();
    await waitFor(async () => (await applied(world)) >= 300, { description: 'consumption under way' });
    const exit = await service.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(service.logs).toMatch(/^stopped$/m);
    const appliedAtStop = await applied(world);
    await producing;

    await world.start('svc-2');
    await waitFor(async () => (await appliedDistinct(world)) === total && (await unsent(world)) === 0, {
      timeoutMs: 90000,
      description: 'all events applied and all follow-ups published after restart',
    });
    expect(appliedAtStop).toBeLessThan(total);
    expect(await applied(world)).toBe(total);
    const followUps = await world.kafka.readAll(world.outTopic);
    expect(new Set(followUps.map((r) => JSON.parse(r.value!).id)).size).toBe(total);
  });

  it('shares the partitions between two instances in one group, survives a rebalance, and applies each event once', async () => {
    const world = await aLedgerWorld('twoinst');
    const a = await world.start('inst-a');
    await world.start('inst-b');
    const keys = Array.from({ length: 60 }, () => aYouthRef());
    await world.kafka.produce(
      world.inTopic,
      Array.from({ length: 600 }, (_, i) => credit(keys[i % 60], i)),
    );
    await waitFor(async () => (await applied(world)) === 600, {
      timeoutMs: 60000,
      description: '600 applied',
    });
    const byInstance: { instance: string; n: string }[] = await world.db.dataSource.query(
      `SELECT instance, count(*) AS n FROM ledger_entry GROUP BY instance ORDER BY instance`,
    );
    expect(byInstance.map((r) => r.instance)).toEqual(['inst-a', 'inst-b']);

    // One instance leaves: the group rebalances and the other takes over all partitions.
    expect(await a.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await world.kafka.produce(
      world.inTopic,
      Array.from({ length: 600 }, (_, i) => credit(keys[i % 60], 600 + i)),
    );
    await waitFor(async () => (await applied(world)) === 1200 && (await unsent(world)) === 0, {
      timeoutMs: 90000,
      description: '1,200 applied after the rebalance',
    });
    expect(await appliedDistinct(world)).toBe(1200);
    const [{ n }] = await world.db.dataSource.query(
      `SELECT count(*) AS n FROM ledger_entry WHERE seq >= 600 AND instance = 'inst-b'`,
    );
    expect(Number(n)).toBe(600);
    // Two relays ran side by side, but only the leader published: no follow-up went out twice.
    const followUps = await world.kafka.readAll(world.outTopic);
    expect(followUps).toHaveLength(1200);
  });
});
