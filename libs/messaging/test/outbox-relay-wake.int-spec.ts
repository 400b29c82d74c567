import { Client } from 'pg';
import {
  KafkaJsBroker,
  Outbox,
  OUTBOX_CHANNEL,
  OutboxRelay,
  type BrokerProducer,
} from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { aYouthRef, waitFor } from '@samenspel/testing';
import { LEDGER_CREDITED, ledgerContracts } from '../../../test/fixtures/ledger/ledger.contract';
import { ledgerWorld, type LedgerWorld } from './ledger-harness';

/** A credit of `youthRef` (a new youngster by default), as a service appends it. */
function aCredit(seq: number, youthRef = aYouthRef()) {
  return {
    type: LEDGER_CREDITED,
    key: youthRef,
    aggregateType: 'ledger',
    aggregateId: youthRef,
    data: { youthRef, seq, amount: 1 },
  };
}

/** A session of our own LISTENing on the relay's channel, and how many NOTIFYs it has heard. */
async function listenToOutbox(url: string): Promise<{ client: Client; heard: () => number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
  let heard = 0;
  client.on('notification', () => (heard += 1));
  return { client, heard: () => heard };
}

/**
 * A row committed while the relay is busy sending a batch notifies a relay that is not waiting.
 * It must still go out at once, not after the poll interval (here a minute, far beyond the test's
 * deadline), on the real broker and real PostgreSQL.
 */
describe('outbox notifications and relay wake-ups', () => {
  let world: LedgerWorld | undefined;
  let relay: OutboxRelay | undefined;
  let producer: BrokerProducer | undefined;
  let listener: Client | undefined;

  afterEach(async () => {
    await relay?.stop();
    await producer?.disconnect();
    await listener?.end();
    await world?.dispose();
  });

  it('relays a row committed during a send without waiting for the poll interval', async () => {
    world = await ledgerWorld('relaywake');
    const db = world.db;
    const outbox = new Outbox('urn:samenspel:test:wake', ledgerContracts(world.inTopic, world.outTopic));
    const youthRef = aYouthRef();
    const append = (seq: number) =>
      db.dataSource.transaction((em) => outbox.append(em, [aCredit(seq, youthRef)]));

    // Our own session on the relay's channel: when it has heard the second row's NOTIFY, so has
    // the relay's session (one commit notifies every listener).
    const outboxListener = await listenToOutbox(db.url);
    listener = outboxListener.client;
    const heard = outboxListener.heard;

    const broker = new KafkaJsBroker(
      (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      createLogger('relay-wake-test', 'warn'),
    );
    const real = await broker.producer('relay-wake-test');
    producer = real;
    let sends = 0;
    // The real producer, with the second row committed while the first batch is being sent.
    const duringFirstSend: BrokerProducer = {
      async send(messages) {
        sends += 1;
        if (sends === 1) {
          const before = heard();
          await append(2);
          await waitFor(async () => heard() > before, { description: 'the second NOTIFY heard' });
        }
        await real.send(messages);
      },
      disconnect: () => real.disconnect(),
    };

    await append(1);
    relay = new OutboxRelay(db.dataSource, duringFirstSend, createLogger('relay-wake-test', 'warn'), {
      connectionString: db.url,
      leaderLockKey: 914_001,
      pollIntervalMs: 60000,
    });
    relay.start();

    await waitFor(async () => (await relay!.backlog()) === 0, {
      timeoutMs: 15000,
      description: 'both rows relayed well before the 60 s poll',
    });
    expect(sends).toBe(2);
    const onTopic = await world.kafka.readAll(world.inTopic);
    expect(onTopic.map((r) => JSON.parse(r.value!).data.seq).sort()).toEqual([1, 2]);
  });

  it('notifies once per transaction, however many times it appends, and only at commit', async () => {
    world = await ledgerWorld('outboxnotify');
    const db = world.db;
    const outbox = new Outbox('urn:samenspel:test:notify', ledgerContracts(world.inTopic, world.outTopic));
    const outboxListener = await listenToOutbox(db.url);
    listener = outboxListener.client;
    const heard = outboxListener.heard;

    await db.dataSource.transaction(async (em) => {
      for (let seq = 1; seq <= 3; seq++) await outbox.append(em, [aCredit(seq)]);
    });
    // One more commit: notifications of one session arrive in commit order, so when this one is
    // heard, every notification of the first transaction has been heard too.
    await db.dataSource.transaction((em) => outbox.append(em, [aCredit(4)]));
    await waitFor(async () => heard() >= 2, { description: 'both commits heard' });

    expect(heard()).toBe(2);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event`);
    expect(n).toBe(4);
  });
});
