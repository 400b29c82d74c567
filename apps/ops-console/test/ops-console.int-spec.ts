import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@samenspel/contracts';
import { withDatabase } from '@samenspel/persistence';
import {
  aUniqueName,
  authHeader,
  aYouthRef,
  DEFAULT_DATABASE_URL,
  identityProviderControls,
  launchChromium,
  REPO_ROOT,
  signIn,
  TestKafka,
  waitFor,
  type RawRecord,
} from '@samenspel/testing';
import type { Role } from '@samenspel/http';
import { Client } from 'pg';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import {
  credit,
  ledgerRows,
  ledgerWorld,
  type LedgerWorld,
} from '../../../libs/messaging/test/ledger-harness';
import {
  accepted,
  ago,
  attendanceRecorded,
  bridgingEnded,
  cloudEvent,
  DAY,
  handover,
  MINUTE,
  offered,
  placementCompleted,
  placementConfirmed,
  queued,
  referralStatus,
  referralToCare,
  referralToCareAccepted,
  warmHandoverRecorded,
  task,
  waitlistEntered,
  waitlistExited,
} from './flow-events';
import type { ImpactRow } from '../src/domain/impact';
import { startOpsConsole, traceOf, type OpsConsole } from './ops-console-harness';

// One ops console for the file (its own database and consumer group), reading the real Samenspel
// topics plus the topics of a ledger fixture service (a real consumer that dead-letters).
/** Stops what a suite started, whatever of it did start. */
async function stopSuite(started: {
  browser?: BrowserContext;
  ops?: OpsConsole;
  world?: LedgerWorld;
  kafka?: TestKafka;
}): Promise<void> {
  await started.browser?.close();
  await started.ops?.sut.dispose();
  await started.world?.dispose();
  await started.kafka?.close();
}

describe('the operations console on the real broker', () => {
  let kafka: TestKafka;
  let world: LedgerWorld;
  let ops: OpsConsole;
  let lagTopic: string;
  let flowTopic: string;
  /** The municipalities and youngsters of the impact test, whose figures the impact page shows. */
  let impactSeeded: { a: string; b: string; sent: string[] } | undefined;
  let browser: BrowserContext;

  const send = async (...events: { topic: string; message: ReturnType<typeof cloudEvent> }[]) => {
    for (const e of events) await kafka.produce(e.topic, [e.message]);
  };
  const sendPrivately = async (...events: { message: ReturnType<typeof cloudEvent> }[]) => {
    await kafka.produce(
      flowTopic,
      events.map((e) => e.message),
    );
  };

  beforeAll(async () => {
    kafka = new TestKafka();
    world = await ledgerWorld('opsdlq');
    lagTopic = await kafka.createTopic('test.opslag', 3);
    // Services running on the shared broker react to events on the real topics (an offer for a
    // waitlist entry, a task for a handover). The stuck-flow and impact tests need flows nobody
    // else touches: they put the same events on a topic only this console reads.
    flowTopic = await kafka.createTopic('test.opsflow', 3);
    const starting = startOpsConsole({
      OPS_EXTRA_TOPICS: `${world.inTopic},${lagTopic},${flowTopic}`,
      STUCK_DEAD_LETTER_SECONDS: '0',
      // Only this run's groups in the lag overview, not every group on the shared broker.
      LAG_GROUP_PREFIX: 'test-ops-console',
    }).then((o) => (ops = o));
    const launching = launchChromium().then((b) => (browser = b));
    await world.start();
    await starting;
    await launching;
    // The group starts at the newest offsets: a first record seen proves they were resolved.
    const probe = aYouthRef();
    await kafka.produce(lagTopic, [cloudEvent('nl.samenspel.test.probe.v1', probe, {})]);
    await traceOf(ops, probe, 1);
  });

  /** The record copies the console keeps, read from its database: the value and its dlq-redacted header. */
  async function consoleCopies(
    ids: string[],
  ): Promise<Map<string, { value: string; redacted: string | null }>> {
    const client = new Client({
      connectionString: withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, ops.sut.databaseName),
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; value: Buffer; redacted: string | null }>(
        `SELECT id, record_value AS value, record_headers->>'dlq-redacted' AS redacted FROM dead_letter
          WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.id, { value: r.value.toString('utf8'), redacted: r.redacted }]));
    } finally {
      await client.end();
    }
  }

  afterAll(() => stopSuite({ browser, ops, world, kafka }));

  it("records one youngster's events across services in the ledger and traces them in order, refs only", async () => {
    const youthRef = aYouthRef();
    const entry = `WL-${randomUUID().slice(0, 8)}`;
    await send(
      waitlistEntered(youthRef, entry, 'GM0344', ago(10 * MINUTE)),
      offered(youthRef, entry, `of-${entry}`, 'GM0344', ago(9 * MINUTE)),
      // A second after the offer: events with the same time have no defined order in a trace.
      task('created', youthRef, `tk-${entry}`, { offerId: `of-${entry}` }, ago(9 * MINUTE - 1000)),
      task('claimed', youthRef, `tk-${entry}`, { offerId: `of-${entry}` }, ago(8 * MINUTE)),
      accepted(youthRef, entry, `of-${entry}`, ago(7 * MINUTE)),
      placementConfirmed(youthRef, `pl-${entry}`, ago(6 * MINUTE)),
      waitlistExited(youthRef, entry, ago(5 * MINUTE)),
    );
    // An undecodable record keyed by the youngster: the ledger keeps it as invalid, with its coordinates.
    await kafka.produce(TOPICS.waitlist, [{ key: youthRef, value: '{"specversion": "1.0", "id": ' }]);

    // Services running on the shared broker may react to these events too: look at ours (their source).
    const all = await traceOf(ops, youthRef, 8);
    const steps = await waitFor(
      async () => {
        const ours = (await traceOf(ops, youthRef, 8)).filter(
          (s) => s.source === 'urn:samenspel:test' || !s.valid,
        );
        return ours.length >= 8 && ours;
      },
      { timeoutMs: 30000, description: 'our eight records in the trace' },
    );
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(steps.filter((s) => s.valid).map((s) => s.step)).toEqual([
      'waitlist entered',
      'bridging offer',
      'task created',
      'task claimed',
      'offer accepted',
      'placement confirmed',
      'left the waitlist',
    ]);
    expect(steps.find((s) => !s.valid)).toMatchObject({ step: 'invalid event', topic: TOPICS.waitlist });
    expect(steps[1].refs).toEqual({
      waitlistEntryId: entry,
      offerId: `of-${entry}`,
      activityId: 'act-1',
      teamId: 'team-1',
    });
    const body = JSON.stringify(await ops.get(`flows/${youthRef}`));
    for (const personal of ['ageYears', '3511', 'postcode', 'Voetbal', 'interests'])
      expect(body).not.toContain(personal);
    // Idempotent on coordinates: one ledger row per record.
    const coordinates = steps.map((s) => `${s.topic}/${s.partition}/${s.offset}`);
    expect(new Set(coordinates).size).toBe(coordinates.length);
  });

  it('flags each stuck-flow rule, leaves healthy flows alone, and exports the counts as a metric', async () => {
    const [stuckYouth, fineYouth, metYouth] = [aYouthRef(), aYouthRef(), aYouthRef()];
    const metReferral = `rf-${randomUUID().slice(0, 8)}`;
    const stuckEntry = `WL-${randomUUID().slice(0, 8)}`;
    const fineEntry = `WL-${randomUUID().slice(0, 8)}`;
    const [stuckTask, fineTask] = [`tk-${randomUUID().slice(0, 8)}`, `tk-${randomUUID().slice(0, 8)}`];
    const [stuckReferral, fineReferral] = [
      `rf-${randomUUID().slice(0, 8)}`,
      `rf-${randomUUID().slice(0, 8)}`,
    ];
    await sendPrivately(
      // Consent, entered two minutes ago, nothing since: stuck. The other was queued: fine.
      waitlistEntered(stuckYouth, stuckEntry, 'GM0344', ago(2 * MINUTE)),
      waitlistEntered(fineYouth, fineEntry, 'GM0344', ago(2 * MINUTE)),
      queued(fineYouth, fineEntry, 'GM0344'),
      // An offer task due an hour ago, unclaimed: stuck. The other was claimed: fine.
      task(
        'created',
        stuckYouth,
        stuckTask,
        { offerId: 'of-x', dueAt: ago(60 * MINUTE).toISOString() },
        ago(DAY),
      ),
      task(
        'created',
        fineYouth,
        fineTask,
        { offerId: 'of-y', dueAt: ago(60 * MINUTE).toISOString() },
        ago(DAY),
      ),
      task('claimed', fineYouth, fineTask, { offerId: 'of-y' }),
      // Handed over 10 days ago (at least 6 working days) without first contact: stuck.
      handover(stuckYouth, stuckReferral, 'GM0344', ago(10 * DAY)),
      handover(fineYouth, fineReferral, 'GM0344', ago(10 * DAY)),
      referralStatus(fineYouth, fineReferral, 'in-progress', undefined, ago(9 * DAY)),
      // A warm handover that took place is the first contact: fine.
      handover(metYouth, metReferral, 'GM0344', ago(10 * DAY)),
      warmHandoverRecorded(metYouth, metReferral, true, ago(9 * DAY)),
    );
    // A dead letter nobody handled, as another service's consumer would write it.
    await kafka.produce(`${TOPICS.task}.dlq`, [
      {
        key: stuckYouth,
        value: task('created', stuckYouth, 'tk-dead').message.value,
        headers: {
          'content-type': 'application/cloudevents+json',
          'dlq-reason': 'invalid-data: data.dueAt must be a valid ISO 8601 date string',
          'dlq-original-topic': TOPICS.task,
          'dlq-original-partition': '0',
          'dlq-original-offset': '0',
          'dlq-consumer': 'samenspel-notification',
          'dlq-at': new Date().toISOString(),
        },
      },
    ]);

    type Stuck = { items: { rule: string; youthRef: string; ref: string }[] };
    // Both of the met youngster's events are in the ledger before the picture counts as settled.
    expect((await traceOf(ops, metYouth, 2)).map((s) => s.step)).toEqual([
      'handover / referral created',
      'warm handover outcome recorded',
    ]);
    const flagged = await waitFor(
      async () => {
        const { items } = await ops.get<Stuck>('stuck-flows');
        const mine = items.filter((i) => [stuckYouth, fineYouth, metYouth].includes(i.youthRef));
        // The events of one flow arrive on several topics and partitions: until all are in the
        // ledger the healthy youngster can look stuck for a moment, so wait for the settled picture.
        const rules = new Set(mine.filter((i) => i.youthRef === stuckYouth).map((i) => i.rule));
        const settled =
          rules.size === 4 && !mine.some((i) => i.youthRef === fineYouth || i.youthRef === metYouth);
        return settled && mine;
      },
      {
        timeoutMs: 30000,
        intervalMs: 250,
        description: 'four stuck flows, and none for the healthy youngster',
      },
    );
    expect(flagged.map((f) => [f.rule, f.youthRef, f.ref]).sort()).toEqual(
      [
        ['dead-letter-unhandled', stuckYouth, expect.any(String)],
        ['handover-no-first-contact', stuckYouth, stuckReferral],
        ['offer-task-unclaimed', stuckYouth, stuckTask],
        ['waitlist-no-offer', stuckYouth, stuckEntry],
      ].sort(),
    );
    const metrics = await (await fetch(`${ops.sut.baseUrl}/metrics`)).text();
    for (const rule of [
      'waitlist-no-offer',
      'offer-task-unclaimed',
      'handover-no-first-contact',
      'dead-letter-unhandled',
    ]) {
      const value = new RegExp(`^samenspel_stuck_flows\\{rule="${rule}"[^}]*\\} (\\d+)$`, 'm').exec(
        metrics,
      )?.[1];
      expect(Number(value)).toBeGreaterThanOrEqual(1);
    }
  });

  it('replays a dead letter after the fix: the real consumer processes it, and the replay is audited', async () => {
    const youthRef = aYouthRef();
    // The fixture's handler fails 3 times (its retry budget), so the event is dead-lettered; the
    // fourth attempt succeeds, as after a fix.
    await world.kafka.produce(world.inTopic, [credit(youthRef, 1, { failTimes: 3 })]);
    type Page = {
      items: {
        id: string;
        youthRef: string;
        status: string;
        reasonCategory: string;
        originalTopic: string;
      }[];
    };
    const letter = await waitFor(
      async () =>
        (await ops.get<Page>(`dead-letters?topic=${world.inTopic}`)).items.find(
          (d) => d.youthRef === youthRef,
        ),
      { timeoutMs: 30000, intervalMs: 250, description: 'the dead letter in the console' },
    );
    expect(letter).toMatchObject({
      status: 'open',
      reasonCategory: 'handler-failed',
      originalTopic: world.inTopic,
    });
    expect(await ledgerRows(world.db)).toEqual([]);

    const replay = await ops.post<{ replayed: { id: string }[] }>(
      'dead-letters/replay',
      { ids: [letter.id] },
      'ops-jan',
    );
    expect(replay).toEqual({ status: 200, body: { replayed: [{ id: letter.id, topic: world.inTopic }] } });

    const rows = await waitFor(
      async () => {
        const r = await ledgerRows(world.db);
        return r.length > 0 && r;
      },
      { timeoutMs: 30000, description: 'the replayed event applied by the ledger service' },
    );
    expect(rows.map((r) => [r.youth_ref, r.seq])).toEqual([[youthRef, 1]]);
    const actions = await ops.get<
      { action: string; actor: string; actorRole: string; targetTopic: string }[]
    >(`dead-letters/${letter.id}/actions`);
    expect(actions).toMatchObject([
      { action: 'replay', actor: 'ops-jan', actorRole: 'ops', targetTopic: world.inTopic },
    ]);
    const after = await ops.get<Page>(`dead-letters?topic=${world.inTopic}&status=replayed`);
    expect(after.items.map((d) => d.id)).toContain(letter.id);
    // The replayed record carries where it came from.
    const replayed = (await world.kafka.readAll(world.inTopic)).filter(
      (r) => r.headers['replayed-from-topic'],
    );
    expect(replayed.map((r) => r.headers['replayed-from-topic'])).toEqual([`${world.inTopic}.dlq`]);
    expect(Object.keys(replayed[0].headers).filter((h) => h.startsWith('dlq-'))).toEqual([]);
  });

  it('resolves a malformed dead letter with a note that is audited but never shown', async () => {
    const youthRef = aYouthRef();
    await world.kafka.produce(world.inTopic, [{ key: youthRef, value: '{"not": "a cloud event"}' }]);
    type Page = {
      items: {
        id: string;
        youthRef: string | null;
        status: string;
        reasonCategory: string;
        hasNote: boolean;
      }[];
    };
    const letter = await waitFor(
      async () =>
        (await ops.get<Page>(`dead-letters?topic=${world.inTopic}&status=open`)).items.find(
          (d) => d.youthRef === youthRef,
        ),
      {
        timeoutMs: 30000,
        intervalMs: 250,
        description: 'the malformed event dead-lettered by the real consumer',
      },
    );
    expect(letter.reasonCategory).toBe('invalid-envelope');
    const note = 'Sender fixed their mapping, nothing to replay';
    expect((await ops.post(`dead-letters/${letter.id}/resolve`, { note })).status).toBe(204);
    const page = await ops.get<Page>(`dead-letters?topic=${world.inTopic}&status=resolved`);
    expect(page.items.find((d) => d.id === letter.id)).toMatchObject({ status: 'resolved', hasNote: true });
    expect(JSON.stringify(page)).not.toContain(note);
    expect((await ops.post('dead-letters/replay', { ids: [letter.id] })).status).toBe(409);
  });

  it('keeps no name, birth date or BSN of an event refused for them, on the .dlq or in its copy, and refuses its replay', async () => {
    const [withPersonalData, otherwiseBroken] = [aYouthRef(), aYouthRef()];
    // Synthetic values: a name, a birth date and a BSN that passes the eleven test.
    const personal = { name: 'Jan de Vries', birthDate: '2011-02-03', bsn: '111222333' };
    const refusedForFields = credit(withPersonalData, 1, personal);
    // Refused for another reason (seq must be 0 or more): its dead letter stays byte for byte,
    // indentation included, which a parse and write would not keep.
    const refusedForValue = credit(otherwiseBroken, -1);
    refusedForValue.value = JSON.stringify(JSON.parse(refusedForValue.value), null, 2);
    await world.kafka.produce(world.inTopic, [refusedForFields, refusedForValue]);

    // The .dlq as any Kafka client reads it.
    const letters = await waitFor(
      async () => {
        const records = await world.kafka.readAll(`${world.inTopic}.dlq`);
        const mine = [withPersonalData, otherwiseBroken].map((ref) => records.find((r) => r.key === ref));
        return mine.every(Boolean) && (mine as RawRecord[]);
      },
      { timeoutMs: 30000, intervalMs: 250, description: 'both events on the .dlq' },
    );
    const [redacted, asSent] = letters;
    for (const value of Object.values(personal)) {
      expect(redacted.value).not.toContain(value);
      expect(JSON.stringify(redacted.headers)).not.toContain(value);
    }
    expect(JSON.parse(redacted.value!).data).toEqual({
      youthRef: withPersonalData,
      seq: 1,
      amount: 1,
      name: '[redacted]',
      birthDate: '[redacted]',
      bsn: '[redacted]',
    });
    expect(redacted.headers).toMatchObject({
      'dlq-redacted': '["/data/name","/data/birthDate","/data/bsn"]',
      'dlq-reason': expect.stringMatching(/^invalid-data: .*name: property name should not exist/),
    });
    expect(asSent.value).toBe(refusedForValue.value);
    expect(asSent.headers['dlq-reason']).toMatch(/^invalid-data: seq: /);
    expect(asSent.headers).not.toHaveProperty('dlq-redacted');

    // The console's copy is the .dlq record: redacted, or byte for byte.
    type Page = { items: { id: string; youthRef: string; redacted: boolean; replayable: boolean }[] };
    const listed = await waitFor(
      async () => {
        const { items } = await ops.get<Page>(`dead-letters?topic=${world.inTopic}&status=open`);
        const mine = [withPersonalData, otherwiseBroken].map((ref) => items.find((d) => d.youthRef === ref));
        return mine.every(Boolean) && (mine as Page['items']);
      },
      { timeoutMs: 30000, intervalMs: 250, description: 'both dead letters in the console' },
    );
    expect(listed.map((d) => [d.redacted, d.replayable])).toEqual([
      [true, false],
      [false, true],
    ]);
    const copies = await consoleCopies(listed.map((d) => d.id));
    expect(copies.get(listed[0].id)).toEqual({
      value: redacted.value,
      redacted: redacted.headers['dlq-redacted'],
    });
    expect(copies.get(listed[1].id)).toEqual({ value: refusedForValue.value, redacted: null });

    const refused = await ops.post<{ type: string; detail: string }>('dead-letters/replay', {
      ids: [listed[0].id, listed[1].id],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/dead-letter-redacted$/);
    expect(refused.body.detail).toMatch(/redacted/);
    // Nothing was replayed: neither of the two named went back to the topic.
    const replayed = (await world.kafka.readAll(world.inTopic)).filter(
      (r) => r.headers['replayed-from-topic'],
    );
    expect(replayed.filter((r) => r.key === withPersonalData || r.key === otherwiseBroken)).toEqual([]);
  });

  it('reports lag per group, topic and partition for a consumer that stopped consuming, and throughput per topic', async () => {
    const youthRef = aYouthRef();
    await kafka.produce(
      lagTopic,
      Array.from({ length: 5 }, (_, i) => ({
        ...cloudEvent('nl.samenspel.test.probe.v1', youthRef, { i }),
        partition: 0,
      })),
    );
    const groupId = aUniqueName('test-paused');
    const paused = await kafka.pausedConsumerAt(groupId, lagTopic, 0, 2);
    try {
      type Lag = {
        items: {
          group: string;
          topic: string;
          partition: number;
          committedOffset: string;
          endOffset: string;
          lag: number;
        }[];
      };
      const lag = await waitFor(
        async () => {
          const { items } = await ops.get<Lag>(`kafka/lag?group=${groupId}`);
          return items.find((p) => p.topic === lagTopic && p.partition === 0 && p.committedOffset === '2');
        },
        { timeoutMs: 30000, description: 'the paused group committed at offset 2' },
      );
      // 1 probe record from the setup + 5 records produced here = end offset 6; committed 2 -> lag 4.
      expect(lag).toMatchObject({ group: groupId, endOffset: expect.any(String) });
      expect(lag.lag).toBe(Number(lag.endOffset) - 2);
      expect(lag.lag).toBeGreaterThanOrEqual(3);
    } finally {
      await paused.disconnect();
    }
    const throughput = await waitFor(
      async () => {
        const { items } = await ops.get<{
          items: { topic: string; endOffset: number; eventsPerSecond: number }[];
        }>('kafka/throughput');
        return items.find((t) => t.topic === lagTopic && t.endOffset >= 6);
      },
      { timeoutMs: 30000, description: 'a throughput sample of the test topic' },
    );
    expect(throughput.eventsPerSecond).toBeGreaterThanOrEqual(0);
  });

  it('reports impact per municipality, month, quarter and year as hand-computed, suppressed, and scoped for a policy officer', async () => {
    // Two municipality codes of our own, so that no other test's events land in these cells.
    const [a, b] = ((n) => [`GM9${n}`, `GM8${n}`])(String(randomInt(0, 1000)).padStart(3, '0'));
    // Times in the last quarter of 2025, at 10:00 UTC (11:00 in Amsterdam): well inside each month.
    const at = (monthDay: string) => new Date(`2025-${monthDay}T10:00:00Z`);
    const sent: string[] = [];
    const youngster = () => {
      const y = { youthRef: aYouthRef(), entry: `WL-${randomUUID().slice(0, 8)}` };
      sent.push(y.youthRef);
      return y;
    };
    const bridged = async (
      place: string,
      entered: Date,
      offeredAt: Date,
      then: 'accept' | 'stay' = 'stay',
    ) => {
      const y = youngster();
      await sendPrivately(
        waitlistEntered(y.youthRef, y.entry, place, entered),
        offered(y.youthRef, y.entry, `of-${y.entry}`, place, offeredAt),
        ...(then === 'accept' ? [accepted(y.youthRef, y.entry, `of-${y.entry}`, offeredAt)] : []),
      );
      return y;
    };
    // a, October: six youngsters entered on the 1st to the 6th, offered on the 10th (9 to 4 days),
    // all accepted; on the 20th five leave the list because care is no longer needed, one for care.
    const octoberA: { youthRef: string; entry: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const y = await bridged(a, at(`10-0${i + 1}`), at('10-10'), 'accept');
      octoberA.push(y);
      // The placement starts on the 10th; five of the six are present on 10 November, 4 weeks on.
      await sendPrivately(
        placementConfirmed(y.youthRef, `pl-${y.entry}`, at('10-10')),
        attendanceRecorded(
          y.youthRef,
          `pl-${y.entry}`,
          '2025-11-10',
          i < 5 ? 'present' : 'absent',
          at('11-10'),
        ),
      );
      const reason = i < 5 ? 'care-no-longer-needed' : 'care-started';
      // Bridging ends on the exit: accepted on the 10th, left on the 20th, one whole week bridged.
      await sendPrivately(
        waitlistExited(y.youthRef, y.entry, at('10-20'), reason),
        bridgingEnded(y.youthRef, y.entry, reason, 1, at('10-20')),
      );
    }
    // a, November: two youngsters offered after 9 days, both leave: care no longer needed.
    const novemberA: { youthRef: string; entry: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const y = await bridged(a, at('11-01'), at('11-10'));
      novemberA.push(y);
      await sendPrivately(waitlistExited(y.youthRef, y.entry, at('11-20'), 'care-no-longer-needed'));
    }
    // a, December: seven youngsters offered after 2 days, still waiting. b, November: five offered.
    const decemberA: { youthRef: string; entry: string }[] = [];
    for (let i = 0; i < 7; i++) decemberA.push(await bridged(a, at('12-01'), at('12-03')));
    for (let i = 0; i < 5; i++) await bridged(b, at('11-01'), at('11-05'));
    // b, November: youth work refers six youngsters to care; care accepts five of them.
    for (let i = 0; i < 6; i++) {
      const y = youngster();
      await sendPrivately(
        referralToCare(y.youthRef, `rf-${y.entry}`, b, at('11-02')),
        ...(i < 5 ? [referralToCareAccepted(y.youthRef, `rf-${y.entry}`, at('11-12'))] : []),
      );
    }
    const sentAt = Date.now();

    type Impact = { asOf: string; minimumCell: number; items: ImpactRow[] };
    const figures = (query: string) => ops.get<Impact>(`impact?${query}`);
    let q4 = await waitFor(
      async () => {
        const [row] = (await figures(`municipalityCode=${a}&period=2025-Q4`)).items;
        return (
          row?.tijdens.offers === 15 &&
          row.tijdens.careNoLongerNeeded === 7 &&
          row.tijdens.weeksBridged.count === 6 &&
          row.tijdens.participation.weeks[4].participating === 5 &&
          row
        );
      },
      { timeoutMs: 30000, intervalMs: 250, description: "a's fourth quarter complete" },
    );
    // Offers: 6 + 2 + 7 = 15. Care no longer needed: 5 + 2 = 7 of 6 + 2 = 8 bridged exits, 0.875.
    // First offers' latencies: 4..9 days, 9 and 9, seven times 2: the 8th of the 15 is 4 days.
    expect(q4).toMatchObject({
      municipalityCode: a,
      period: '2025-Q4',
      tijdens: {
        enteredWithConsent: 15,
        offers: 15,
        firstOffers: 15,
        medianDaysToFirstOffer: 4,
        offersAccepted: 6,
        acceptedShare: 0.4,
        bridgedExits: 8,
        careNoLongerNeeded: 7,
        careNoLongerNeededShare: 0.875,
        // Six bridgings of one week, all in the 0-3 band; one care start while attending: hidden.
        weeksBridged: { count: 6, median: 1, bands: { '0-3': 6, '4-7': null, '8-11': null, '12+': null } },
        careStartedWhileAttending: null,
        // Six placements started, five still there at 4 weeks (the quarter is long enough ago).
        participation: {
          placementsStarted: 6,
          weeks: { 4: { participating: 5, share: 0.833, due: true }, 8: { participating: null } },
        },
      },
      na: { handovers: null },
    });

    // Youth voices at a follow-up step, sent once a's youngsters are placed in a (another topic).
    // December: seven views scored 5,5,5,5,4,3,2; someone-to-talk-to six times, activity five,
    // group twice. November: two views scored 1 and 2, practical-help both times. At the end of
    // October's placements on 5 December, five more views scored 5,4,4,3,5: group five times,
    // activity three; the sixth placement ends without one.
    const view = (
      y: { youthRef: string; entry: string },
      monthDay: string,
      score: number,
      helped: string[],
    ) =>
      task(
        'completed',
        y.youthRef,
        `tk-voice-${y.entry}`,
        { type: 'follow-up', step: 'check-in-2w', outcome: 'reached', youthVoice: { score, helped } },
        at(monthDay),
      );
    await sendPrivately(
      ...decemberA.map((y, i) =>
        view(y, '12-15', [5, 5, 5, 5, 4, 3, 2][i], [
          ...(i < 6 ? ['someone-to-talk-to'] : []),
          ...(i < 5 ? ['activity'] : []),
          ...(i < 2 ? ['group'] : []),
        ]),
      ),
      ...novemberA.map((y, i) => view(y, '11-25', i + 1, ['practical-help'])),
      ...octoberA.map((y, i) =>
        placementCompleted(
          y.youthRef,
          `pl-${y.entry}`,
          i < 5
            ? { score: [5, 4, 4, 3, 5][i], helped: ['group', ...(i < 3 ? ['activity'] : [])] }
            : undefined,
          at('12-05'),
        ),
      ),
    );
    q4 = await waitFor(
      async () => {
        const [row] = (await figures(`municipalityCode=${a}&period=2025-Q4`)).items;
        return row?.na.youthVoice.views === 14 && row;
      },
      { timeoutMs: 30000, intervalMs: 250, description: "a's youth voices counted" },
    );
    // Q4's fourteen scores 1,2,2,3,3,4,4,4,5,5,5,5,5,5: the 7th and 8th are 4. Group 2 + 5 = 7,
    // activity 5 + 3 = 8; practical-help (2) is hidden.
    expect(q4.na.youthVoice).toEqual({
      views: 14,
      medianScore: 4,
      helped: {
        'someone-to-talk-to': 6,
        group: 7,
        activity: 8,
        'practical-help': null,
        'school-or-work': null,
      },
    });
    const voices = Object.fromEntries(
      (await figures(`municipalityCode=${a}`)).items.map((r) => [r.period, r.na.youthVoice]),
    );
    // December's twelve are shown (2,3,3,4,4,4,5,5,5,5,5,5: median 4.5); November's two are hidden.
    expect({ december: voices['2025-12'], november: voices['2025-11'] }).toMatchObject({
      december: { views: 12, medianScore: 4.5, helped: { 'someone-to-talk-to': 6, activity: 8, group: 7 } },
      november: { views: null, medianScore: null, helped: { 'practical-help': null } },
    });
    const bNovember = await waitFor(
      async () => {
        const [row] = (await figures(`municipalityCode=${b}&period=2025-11`)).items;
        return row?.tijdens.offers === 5 && row.voor.referralsToCareAccepted === 5 && row;
      },
      { timeoutMs: 30000, intervalMs: 250, description: "b's November complete" },
    );
    // Referred on the 2nd, accepted on the 12th: 10 days each.
    expect(bNovember.voor).toEqual({
      referralsToCare: 6,
      referralsToCareAccepted: 5,
      medianDaysToAcceptance: 10,
    });
    const months = await figures(`municipalityCode=${a}`);
    expect(new Date(months.asOf).getTime()).toBeGreaterThanOrEqual(sentAt - 60000);
    const byMonth = Object.fromEntries(months.items.map((r) => [r.period, r.tijdens]));
    // November's 2 offers are hidden, and with them October's 6 (15 - 6 - 7 would give 2).
    // Care no longer needed: October's 5 stays, as November (2) and December (0) are both hidden.
    expect({
      offers: [byMonth['2025-10'].offers, byMonth['2025-11'].offers, byMonth['2025-12'].offers],
      prevented: [byMonth['2025-10'].careNoLongerNeeded, byMonth['2025-11'].careNoLongerNeeded],
      octoberMedian: byMonth['2025-10'].medianDaysToFirstOffer,
      octoberShare: byMonth['2025-10'].careNoLongerNeededShare,
    }).toEqual({ offers: [null, null, 7], prevented: [5, null], octoberMedian: null, octoberShare: 0.833 });
    const [year] = (await figures(`municipalityCode=${a}&period=2025`)).items;
    expect(year.tijdens).toMatchObject({ offers: 15, careNoLongerNeeded: 7 });
    // The deprecated names of the parameters select the same cells.
    expect((await figures(`municipality=${a}&month=2025-11`)).items).toEqual(
      (await figures(`municipalityCode=${a}&period=2025-11`)).items,
    );

    // A policy officer of a sees a, and nothing of b, nor any other route of the console.
    const policy = await authHeader('policy', { municipalityCodes: [a] });
    const asPolicy = (path: string) => fetch(`${ops.sut.baseUrl}/api/v1/${path}`, { headers: policy });
    const own = (await (await asPolicy('impact?period=2025-Q4')).json()) as Impact;
    expect(own.items.map((r) => r.municipalityCode)).toEqual([a]);
    expect(own.items[0]).toEqual(q4);
    for (const path of [`impact?municipalityCode=${b}`, `impact/export.csv?municipalityCode=${b}`]) {
      expect([path, (await asPolicy(path)).status]).toEqual([path, 403]);
    }
    for (const path of ['dead-letters', 'stuck-flows', 'flow-counts', `flows/${sent[0]}`, 'monitor/status']) {
      expect([path, (await asPolicy(path)).status]).toEqual([path, 403]);
    }
    const csv = await (await asPolicy(`impact/export.csv?period=2025-Q4`)).text();
    const [header, line] = csv.trim().split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((h, i) => [h, line.split(',')[i]]));
    expect(cells).toMatchObject({
      municipality_code: `"${a}"`,
      period: '"2025-Q4"',
      tijdens_offers: '"15"',
      tijdens_care_no_longer_needed: '"7"',
      tijdens_care_no_longer_needed_share: '"0.875"',
      na_handovers: '',
      na_youth_voice_views: '"14"',
      na_youth_voice_median_score: '"4"',
      na_youth_voice_helped_group: '"7"',
      na_youth_voice_helped_practical_help: '',
      as_of: `"${own.asOf}"`,
    });
    // No youngster's ref in any answer or export.
    const answers = [
      JSON.stringify(months),
      JSON.stringify(own),
      csv,
      JSON.stringify(await figures(`municipalityCode=${b}`)),
    ];
    for (const ref of sent) expect(answers.filter((text) => text.includes(ref))).toEqual([]);
    impactSeeded = { a, b, sent };
  });

  it('shows the impact page in Dutch with the funnel, trend and comparison as reported, to ops and to a policy officer, without accessibility faults', async () => {
    // The figures of the test above: a's fourth quarter of 2025 and b's November.
    expect(impactSeeded).toBeDefined();
    const { a, b, sent } = impactSeeded!;
    const artifacts = join(REPO_ROOT, 'test-artifacts', 'ops-console');
    mkdirSync(artifacts, { recursive: true });
    const problems: string[] = [];
    /** The impact page, signed in as `username` with `claims` from this sign-in on. */
    const open = async (
      username: string,
      claims: { role: Role; municipalityCodes?: string[] },
      query: string,
      loaded = `${a} 2025-Q4`,
    ) => {
      await identityProviderControls().setUser(username, claims);
      await browser.clearCookies(); // no session left here or at the provider by the sign-in before
      const page = await browser.newPage();
      // The impact page's own faults, not those of the provider's sign-in page on the way.
      const ours = () => page.url().startsWith(ops.sut.baseUrl);
      page.on('pageerror', (e) => ours() && problems.push(e.message));
      page.on(
        'console',
        (m) => ours() && m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`),
      );
      await page.goto(`${ops.sut.baseUrl}/api/v1/console/impact?${query}`);
      await signIn(page, username);
      await page.locator(`#rapport[data-loaded="${loaded}"]`).waitFor({ timeout: 30000 });
      return page;
    };
    // Legacy mode runs axe in the page itself: the page has no frames, and the default opens a second
    // blank page to combine frames' results, which takes seconds.
    const seriousFaults = async (page: Page) =>
      (
        await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .setLegacyMode(true)
          .analyze()
      ).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    type ChartData = { labels: string[]; data: (number | null)[][] };
    // The figures a Chart.js chart of the page draws, per dataset.
    const chartData = (page: Page, id: string) =>
      page.evaluate((chartId) => {
        type Drawn = { data: { labels: string[]; datasets: { data: (number | null)[] }[] } };
        const chart = (
          globalThis as unknown as { Chart: { getChart(c: string): Drawn | undefined } }
        ).Chart.getChart(chartId);
        return chart ? { labels: chart.data.labels, data: chart.data.datasets.map((d) => d.data) } : null;
      }, id) as Promise<ChartData | null>;
    // Chart.js comes from the console itself, kept by the browser as its URL names its version.
    const library = await fetch(`${ops.sut.baseUrl}/api/v1/console/chart.umd.js?v=4.6.2`);
    expect({
      type: library.headers.get('content-type'),
      cache: library.headers.get('cache-control'),
      version: /Chart\.js v[0-9.]+/.exec(await library.text())?.[0],
    }).toEqual({
      type: 'text/javascript; charset=utf-8',
      cache: 'public, max-age=31536000, immutable',
      version: 'Chart.js v4.6.2',
    });
    try {
      const asOps = await open('ops-impact-page', { role: 'ops' }, `municipalityCode=${a}&period=2025-Q4`);
      // The page as served to the signed-in person: its script comes only from the console itself.
      const pageCsp = (await browser.request.get(`${ops.sut.baseUrl}/api/v1/console/impact`)).headers()[
        'content-security-policy'
      ];
      expect(pageCsp).toContain("script-src 'self';");
      expect(pageCsp).not.toContain('unsafe');
      const measure = (key: string) => asOps.textContent(`#trechter li[data-measure="${key}"] .v`);
      // Offers 15, care no longer needed 7 of 8 bridged exits (88 %), 5 of 6 still there at 4 weeks.
      expect({
        offers: await measure('offers'),
        accepted: await measure('offersAccepted'),
        prevented: await measure('careNoLongerNeeded'),
        participating: await measure('participating4w'),
        handovers: await measure('handovers'),
      }).toEqual({
        offers: '15',
        accepted: '6 (40%)',
        prevented: '7 (88%)',
        participating: '5 (83%)',
        handovers: 'verborgen',
      });
      const month = async (period: string) =>
        (await asOps.locator(`#trend-tabel tr[data-period="${period}"] td`).allTextContents()).slice(0, 4);
      // Per month as the API reports them (October's prevention 5, December's offers 7), hidden in words.
      const { items } = await ops.get<{ items: ImpactRow[] }>(`impact?municipalityCode=${a}`);
      const shown = (n: number | null) => (n === null ? 'verborgen' : String(n));
      const months = ['2025-10', '2025-11', '2025-12'];
      expect(await Promise.all(months.map(month))).toEqual(
        months.map((period) => {
          const t = items.find((r) => r.period === period)!.tijdens;
          return [t.offers, t.offersAccepted, t.bridgedExits, t.careNoLongerNeeded].map(shown);
        }),
      );
      expect([(await month('2025-10'))[3], (await month('2025-12'))[0]]).toEqual(['5', '7']);
      // The trend chart draws the same months: prevention, participation at 4 weeks and offers; a
      // hidden month is null (marked "verborgen" on the canvas), never 0, and no row is null too.
      const trend = (await chartData(asOps, 'trend-grafiek'))!;
      const ofMonths = (pick: (t: ImpactRow['tijdens']) => number | null) => [
        ...Array<null>(9).fill(null),
        ...months.map((period) => pick(items.find((r) => r.period === period)!.tijdens)),
      ];
      expect(trend).toEqual({
        labels: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
        data: [
          ofMonths((t) => t.careNoLongerNeeded),
          ofMonths((t) => t.participation.weeks[4].participating),
          ofMonths((t) => t.offers),
        ],
      });
      expect(trend.data[0].slice(9)).toEqual([5, null, null]);
      // The funnel of each moment: the hidden handovers are null in the chart, "verborgen" in its list.
      expect((await chartData(asOps, 'trechter-tijdens'))!.data[0].slice(0, 3)).toEqual([15, 15, 6]);
      expect((await chartData(asOps, 'trechter-na'))!.data[0][0]).toBeNull();
      // The comparison in shares: a's prevention 7 of 8 bridged exits, 88 %.
      const compare = (await chartData(asOps, 'vergelijking-grafiek'))!;
      expect(compare.data[0][compare.labels.indexOf(a)]).toBe(88);
      // The youth voice, from follow-up steps and placement ends: 14 views, median 4.
      expect({
        views: await asOps.textContent('#stem .card .n'),
        group: await asOps.textContent('#stem-tabel tr[data-helped="group"] td'),
        practical: await asOps.textContent('#stem-tabel tr[data-helped="practical-help"] td'),
        chart: (await chartData(asOps, 'stem-grafiek'))!.data[0],
      }).toEqual({ views: '14', group: '7', practical: 'verborgen', chart: [6, 7, 8, null, null] });
      const compared = await asOps
        .locator('#vergelijking-tabel tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-municipality')));
      expect(compared).toEqual(expect.arrayContaining([a, b]));
      expect(await asOps.textContent('#uitleg')).toContain('minder dan 5 jongeren');
      expect(await asOps.getAttribute('#csv-kwartaal', 'href')).toBe(
        `/api/v1/impact/export.csv?municipalityCode=${a}&period=2025-Q4`,
      );
      expect(await seriousFaults(asOps)).toEqual([]);
      await asOps.screenshot({ path: join(artifacts, '7-impact.png'), fullPage: true });
      await asOps.emulateMedia({ media: 'print' });
      expect(await asOps.locator('#keuze').isVisible()).toBe(false);
      await asOps.pdf({ path: join(artifacts, 'impact-quarter-report.pdf'), format: 'A4' });
      // The year: the same page for 2025 as a whole, its figures the year's row.
      const asOpsYear = await open(
        'ops-impact-year',
        { role: 'ops' },
        `municipalityCode=${a}&period=2025`,
        `${a} 2025`,
      );
      const [yearRow] = (await ops.get<{ items: ImpactRow[] }>(`impact?municipalityCode=${a}&period=2025`))
        .items;
      expect({
        chosen: await asOpsYear.inputValue('#kwartaal'),
        title: await asOpsYear.textContent('#kop h1'),
        offers: await asOpsYear.textContent('#trechter li[data-measure="offers"] .v'),
        funnel: (await chartData(asOpsYear, 'trechter-tijdens'))!.data[0].slice(0, 3),
        months: (await chartData(asOpsYear, 'trend-grafiek'))!.labels.length,
      }).toEqual({
        chosen: 'jaar',
        title: `Impact van Samenspel · gemeente ${a} · 2025`,
        offers: String(yearRow.tijdens.offers),
        funnel: [yearRow.tijdens.enteredWithConsent, yearRow.tijdens.offers, yearRow.tijdens.offersAccepted],
        months: 12,
      });
      expect(await seriousFaults(asOpsYear)).toEqual([]);
      await asOpsYear.screenshot({ path: join(artifacts, '8-impact-year.png'), fullPage: true });
      await asOpsYear.setViewportSize({ width: 900, height: 700 });
      await asOpsYear
        .locator('#verloop')
        .screenshot({ path: join(artifacts, 'impact-year-trend.png'), animations: 'disabled' });
      const asPolicy = await open(
        'policy-impact-page',
        { role: 'policy', municipalityCodes: [a] },
        'period=2025-Q4',
      );
      await asPolicy.setViewportSize({ width: 390, height: 844 });
      expect(await asPolicy.locator('#gemeente option').allTextContents()).toEqual([a]);
      expect(await asPolicy.textContent(`#trechter li[data-measure="careNoLongerNeeded"] .v`)).toBe(
        '7 (88%)',
      );
      const text = (await asPolicy.textContent('body')) ?? '';
      expect(text).not.toContain(b);
      for (const ref of sent) expect(text).not.toContain(ref);
      expect(await seriousFaults(asPolicy)).toEqual([]);
      await asPolicy.screenshot({ path: join(artifacts, '9-impact-policy-phone.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      for (const page of browser.pages()) await page.close();
    }
  });

  it('documents ?municipality= of the impact routes as the deprecated alias of ?municipalityCode=', async () => {
    type Operation = { parameters: { name: string; deprecated?: boolean }[] };
    const doc = (await (await fetch(`${ops.sut.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, { get: Operation }>;
    };
    for (const path of ['/api/v1/impact', '/api/v1/impact/export.csv']) {
      const named = doc.paths[path].get.parameters.filter((p) => p.name.startsWith('municipality'));
      expect({ path, named: named.map((p) => [p.name, p.deprecated === true]) }).toEqual({
        path,
        named: [
          ['municipalityCode', false],
          ['municipality', true],
        ],
      });
    }
  });

  it('serves its API to the ops and admin roles only', async () => {
    const paths = [
      'flows/yr_0000000000',
      'dead-letters',
      'stuck-flows',
      'kafka/lag',
      'kafka/throughput',
      'impact',
      'flow-counts',
    ];
    for (const role of ['youth-worker', 'team-lead', 'intake-system', 'service'] as const) {
      const headers = await authHeader(
        role,
        role === 'youth-worker' || role === 'team-lead' ? { teamId: 'team-1' } : {},
      );
      for (const path of paths)
        expect([path, role, await ops.status(path, headers)]).toEqual([path, role, 403]);
    }
    for (const path of paths) expect([path, await ops.status(path, {})]).toEqual([path, 401]);
    expect(await ops.status('stuck-flows', await authHeader('admin'))).toBe(200);
    expect((await ops.post('dead-letters/replay', { ids: [randomUUID()] })).status).toBe(404);
  });
});

describe('the console page in a real headless Chromium', () => {
  // Its own console and ledger fixture, so that this block runs alone as well.
  let kafka: TestKafka;
  let world: LedgerWorld;
  let ops: OpsConsole;
  let browser: BrowserContext;
  const artifacts = join(REPO_ROOT, 'test-artifacts', 'ops-console');

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    kafka = new TestKafka();
    world = await ledgerWorld('opspage');
    // Assigned one by one, so that afterAll stops whatever did start.
    const starting = startOpsConsole({
      OPS_EXTRA_TOPICS: world.inTopic,
      LAG_GROUP_PREFIX: 'test-ops-console',
    }).then((o) => (ops = o));
    await world.start();
    browser = await launchChromium();
    await starting;
  }, 900000);

  afterAll(() => stopSuite({ browser, ops, world, kafka }));

  it('shows flows, lag, stuck flows, a trace and impact, and replays a dead letter from the page', async () => {
    const youthRef = aYouthRef();
    const entry = `WL-${randomUUID().slice(0, 8)}`;
    for (const e of [
      waitlistEntered(youthRef, entry, 'GM0344', ago(5 * MINUTE)),
      offered(youthRef, entry, `of-${entry}`, 'GM0344', ago(4 * MINUTE)),
      accepted(youthRef, entry, `of-${entry}`, ago(3 * MINUTE)),
    ]) {
      await kafka.produce(e.topic, [e.message]);
    }
    const failing = aYouthRef();
    await world.kafka.produce(world.inTopic, [credit(failing, 1, { failTimes: 3 })]);
    type Page = { items: { id: string; youthRef: string }[] };
    const letter = await waitFor(
      async () =>
        (await ops.get<Page>(`dead-letters?topic=${world.inTopic}`)).items.find(
          (d) => d.youthRef === failing,
        ),
      { timeoutMs: 30000, intervalMs: 250, description: 'the dead letter in the console' },
    );
    await traceOf(ops, youthRef, 3);

    await identityProviderControls().setUser('ops-page', { role: 'ops' });
    await browser.clearCookies();
    const page = await browser.newPage();
    try {
      await page.goto(`${ops.sut.baseUrl}/`);
      await signIn(page, 'ops-page');
      await page.locator('main[data-loaded="overview"]').waitFor({ timeout: 30000 });
      expect(await page.locator('.card').first().isVisible()).toBe(true);
      expect(await page.locator('main svg').count()).toBeGreaterThanOrEqual(2);
      expect(await page.textContent('main')).toContain('offer accepted');
      await page.screenshot({ path: join(artifacts, '1-overview.png'), fullPage: true });

      await page.click('nav button[data-page="stuck flows"]');
      await page.locator('main[data-loaded="stuck flows"]').waitFor({ timeout: 30000 });
      expect(await page.textContent('main')).toContain('dead-letter-unhandled');
      await page.screenshot({ path: join(artifacts, '2-stuck-flows.png'), fullPage: true });

      await page.click('nav button[data-page="trace"]');
      await page.fill('#trace-ref', youthRef);
      await page.click('#trace-go');
      await page.locator('#trace-out[data-loaded="1"]').waitFor({ timeout: 30000 });
      const trace = (await page.textContent('#trace-out')) ?? '';
      expect(trace).toContain('waitlist entered');
      expect(trace).not.toContain('3511');
      await page.screenshot({ path: join(artifacts, '3-trace.png'), fullPage: true });

      await page.click('nav button[data-page="impact"]');
      await page.locator('main[data-loaded="impact"]').waitFor({ timeout: 30000 });
      expect(await page.textContent('main')).toContain('suppressed');
      expect(await page.getAttribute('main a[href="/api/v1/console/impact"]', 'href')).toBeTruthy();
      await page.screenshot({ path: join(artifacts, '4-impact.png'), fullPage: true });

      await page.click('nav button[data-page="dead letters"]');
      await page.locator('main[data-loaded="dead letters"]').waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(artifacts, '5-dead-letters.png'), fullPage: true });
      await page.click(`button[data-replay="${letter.id}"]`);
      const rows = await waitFor(
        async () => {
          const r = await ledgerRows(world.db);
          return r.length > 0 && r;
        },
        { timeoutMs: 30000, description: 'the event replayed from the page applied' },
      );
      expect(rows.map((r) => r.youth_ref)).toEqual([failing]);
      const actions = await ops.get<{ action: string; actor: string }[]>(`dead-letters/${letter.id}/actions`);
      expect(actions).toMatchObject([{ action: 'replay', actor: 'ops-page' }]);
      await page.locator('main[data-loaded="dead letters"]').waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(artifacts, '6-after-replay.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
