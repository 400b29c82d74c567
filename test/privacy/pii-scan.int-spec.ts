import { randomUUID } from 'node:crypto';
import { allTopicSpecs, TOPICS } from '@samenspel/contracts';
import {
  DEFAULT_INTAKE_CLIENT,
  enteredEvent,
  INTAKE_SYSTEMS,
  runSimulator,
  TestKafka,
  toRecord,
  TopicRecorder,
  waitFor,
  type RecordedEvent,
} from '@samenspel/testing';
import { SamenspelSystem, consentOf, type Caller, type Json } from '../access/samenspel-system';
import { ACCESS_MATRIX } from '../access/access-matrix';
import { findForbiddenFields, scanText, SYNTHETIC_NAMES, type Finding } from './pii-detectors';

/**
 * Everything a youth worker might type about a youngster, all synthetic: a name, a BSN that passes
 * the eleven test (111222333), an e-mail address, a mobile number and a full postcode. It goes
 * into referral notes, a status-change note and a task note through the APIs; none of it may come
 * out in an event, a log line or the ops console.
 */
const SENSITIVE = `Gesprek met ${SYNTHETIC_NAMES[0]} (BSN 111222333), jan.devries@example.org, 06-12345678, woont op 3581 AB.`;

const ALL_TOPICS = allTopicSpecs()
  .map((s) => s.name)
  .filter((name) => /^(samenspel|jeugdzorg)\./.test(name));

/** A team's own name is not about a person: the one `name` field an event may carry. */
const TEAM_EVENT = /^nl\.samenspel\.team\./;

describe('a full run leaves no personal data in events, logs or the ops console', () => {
  let system: SamenspelSystem;
  let recorders: TopicRecorder[] = [];
  const kafka = new TestKafka();
  const startedAt = Date.now();

  beforeAll(async () => {
    // Recorders first, positioned at the end of every topic: they see everything the run produces.
    recorders = await Promise.all(ALL_TOPICS.map((topic) => TopicRecorder.start(topic)));
    system = await SamenspelSystem.start({ LOG_LEVEL: 'debug' });
  }, 240000);

  afterAll(async () => {
    await Promise.all(recorders.map((r) => r.stop()));
    await kafka.close();
    await system?.dispose();
  });

  it('finds no name, BSN, e-mail address, phone number, full postcode or personal field anywhere', async () => {
    expect(scanText(SENSITIVE).map((f) => f.detector)).toEqual(['bsn', 'email', 'phone', 'postcode', 'name']);
    const [utrecht, amersfoort] = INTAKE_SYSTEMS;
    const themes = [
      'sport',
      'music',
      'creative',
      'gaming',
      'girls-group',
      'boys-group',
      'wellbeing',
      'outdoor',
    ];
    const teamU = await system.aTeam([...utrecht.municipalities]);
    const teamA = await system.aTeam([...amersfoort.municipalities]);
    await system.anActivity(teamU, utrecht.municipalities[0], { themes, postcode4: utrecht.postcodes[0] });
    await system.anActivity(teamA, amersfoort.municipalities[0], {
      themes,
      postcode4: amersfoort.postcodes[0],
    });

    // Notes through every API that takes one.
    const org = 'regio-utrecht';
    const workerU: Caller = { role: 'youth-worker', teamId: teamU };
    const referral = await system.expectHttp(
      201,
      'referral',
      'POST',
      '/api/v1/referrals',
      { role: 'intake-system', org },
      {
        direction: 'care-to-youth-work',
        phase: 'during',
        youthRef: `yr_${randomUUID().slice(0, 12).replace('-', '')}`,
        ageYears: 15,
        postcode4: utrecht.postcodes[0],
        municipalityCode: utrecht.municipalities[0],
        reason: 'leisure',
        themes: ['music'],
        note: SENSITIVE,
        consent: consentOf('youth-and-guardian'),
      },
    );
    expect(referral.receivingTeamId).toBe(teamU);
    await system.expectHttp(
      200,
      'referral',
      'POST',
      `/api/v1/referrals/${referral.id}/transitions`,
      workerU,
      {
        to: 'accepted',
        note: SENSITIVE,
      },
    );
    await system.expectHttp(201, 'referral', 'POST', '/api/v1/referrals', workerU, {
      direction: 'youth-work-to-care',
      phase: 'before',
      youthRef: `yr_${randomUUID().slice(0, 12).replace('-', '')}`,
      ageYears: 12,
      postcode4: utrecht.postcodes[1],
      municipalityCode: utrecht.municipalities[0],
      reason: 'toeleiding',
      themes: ['wellbeing'],
      note: SENSITIVE,
      consent: consentOf('youth-and-guardian'),
    });
    const [task] = await system.tasksOf(teamU, (t) => t.referralId === referral.id);
    await system.expectHttp(200, 'notification', 'POST', `/api/v1/tasks/${task.id}/claim`, workerU, {});
    const done = await system.expectHttp(
      200,
      'notification',
      'POST',
      `/api/v1/tasks/${task.id}/complete`,
      workerU,
      {
        outcome: 'done',
        note: SENSITIVE,
      },
    );
    expect(done.note).toBe(SENSITIVE);
    const seen = await system.expectHttp(200, 'referral', 'GET', `/api/v1/referrals/${referral.id}`, workerU);
    expect(seen.note).toBe(SENSITIVE);

    // The intake systems' traffic: entries, updates, exits and ended trajectories, some in binary
    // mode (no duplicates, so that the entries can be counted), half the entered youngsters also
    // referred through the referral API with the intake client's token from the run's provider;
    // and two broken events for the DLQ.
    const simulatorLines: string[] = [];
    const report = await runSimulator({
      rate: 15,
      duration: 4,
      malformed: 0,
      duplicates: 0,
      binary: 0.3,
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      intakeSystem: {
        ...DEFAULT_INTAKE_CLIENT,
        issuer: process.env.AUTH_ISSUER!,
        referralUrl: system.services.referral.baseUrl,
        parallelReferrals: 0.5,
      },
      log: (line) => simulatorLines.push(line),
    });
    const intake = report.intakeSystem!;
    expect(intake.referred).toBeGreaterThan(0);
    expect(intake.refused).toEqual({});
    expect(Object.values(intake.statuses).reduce((a, b) => a + b, 0)).toBe(intake.referred);
    const broken = [enteredEvent(utrecht.source), enteredEvent(amersfoort.source, { ageYears: 99 })];
    const truncated = toRecord(broken[0], 'structured');
    await kafka.produce(TOPICS.waitlist, [
      { ...truncated, value: truncated.value.slice(0, -7) },
      toRecord(broken[1], 'structured'),
    ]);

    // Teams answer two bridging offers.
    const entered = report.byType['nl.jeugdzorg.waitlist.entered.v1'] ?? 0;
    const offered = await waitFor(
      async () => {
        const page = await system.expectHttp(
          200,
          'waitlist-bridging',
          'GET',
          '/api/v1/waitlist-entries?status=offered&limit=200',
          { role: 'ops' },
        );
        const mine = (page.items as Json[])
          .flatMap((e) => e.offers as Json[])
          .filter((o) => o.status === 'open' && (o.teamId === teamU || o.teamId === teamA));
        return mine.length >= 2 ? mine : undefined;
      },
      { timeoutMs: 60000, intervalMs: 500, description: 'two open offers to this run’s teams' },
    );
    const lead = (o: Json): Caller => ({ role: 'team-lead', teamId: o.teamId as string });
    await system.expectHttp(
      200,
      'waitlist-bridging',
      'POST',
      `/api/v1/offers/${offered[0].offerId}/accept`,
      lead(offered[0]),
    );
    await system.expectHttp(
      200,
      'waitlist-bridging',
      'POST',
      `/api/v1/offers/${offered[1].offerId}/decline`,
      lead(offered[1]),
      { reason: 'not-interested' },
    );

    // Wait until the flows went through: every entry recorded, both broken events dead-lettered,
    // and every event the services wrote to their outboxes published and recorded.
    const sources = INTAKE_SYSTEMS.map((s) => s.source);
    await waitFor(
      async () => {
        const [{ n }] = await system.sql<{ n: number }>(
          'waitlist-bridging',
          `SELECT count(*)::int AS n FROM waitlist_entry WHERE source = ANY ($1)`,
          [sources],
        );
        return n >= entered;
      },
      { timeoutMs: 60000, intervalMs: 500, description: `${entered} entered events recorded` },
    );
    const groups = new Set(Object.values(system.services).map((s) => s.groupId));
    const recorded = () =>
      recorders.flatMap((r, i) => r.records.map((record) => ({ topic: ALL_TOPICS[i], record })));
    await waitFor(
      () =>
        recorded().filter(
          ({ topic, record }) => topic.endsWith('.dlq') && groups.has(record.headers['dlq-consumer'] ?? ''),
        ).length >= 2,
      { timeoutMs: 30000, intervalMs: 200, description: 'the broken events on the DLQ' },
    );
    let previous = -1;
    const outboxIds = await waitFor(
      async () => {
        const ids = await outboxEventIds(system);
        const unsent = await unsentOutboxRows(system);
        const seenIds = new Set(recorded().map(({ record }) => record.event?.id));
        const settled = unsent === 0 && ids.size === previous && [...ids].every((id) => seenIds.has(id));
        previous = ids.size;
        return settled ? ids : undefined;
      },
      { timeoutMs: 60000, intervalMs: 1000, description: 'every outbox event published and recorded' },
    );
    const consumed = await consumedCoordinates(system);
    // The youngsters of this run: every key its services published under, and those of the events
    // this test sent itself.
    const youthRefs = new Set([
      ...(await outboxKeys(system)),
      ...[referral, ...broken.map((e) => e.data)].map((d) => String(d.youthRef)),
    ]);

    // This run's records: what its services published (outbox ids); the intake events they applied
    // (inbox) about this run's youngsters; and what they dead-lettered (dlq-consumer is their
    // group). Other engineers' tests share the broker, and their fuzzers send anything; so a dead
    // letter's copied value is scanned only when it is about one of this run's youngsters (its
    // dlq-* headers, which our code writes, always).
    const ours = recorded().flatMap(({ topic, record }) => {
      const dlq = topic.endsWith('.dlq');
      const mine = record.key !== null && youthRefs.has(record.key);
      if (dlq)
        return groups.has(record.headers['dlq-consumer'] ?? '') ? [{ topic, record, withValue: mine }] : [];
      if (record.event?.id !== undefined && outboxIds.has(record.event.id))
        return [{ topic, record, withValue: true }];
      const applied = consumed.has(`${topic}/${record.headers['ce_id'] ?? record.event?.id}`);
      return applied && mine ? [{ topic, record, withValue: true }] : [];
    });
    const topicsSeen = new Set(ours.map((o) => o.topic));
    const findings: (Finding & { where: string })[] = [];
    for (const { topic, record, withValue } of ours) {
      const where = `${topic} ${record.event?.type ?? record.headers['ce_type'] ?? '?'} ${record.key}`;
      for (const f of scanRecord(record, withValue)) findings.push({ ...f, where });
    }
    const logLines = [
      ...Object.values(system.services).flatMap((s) =>
        s.process.logs
          .split('\n')
          .filter(Boolean)
          .map((line) => ({ service: s.name as string, line })),
      ),
      ...simulatorLines.map((line) => ({ service: 'simulator', line })),
    ];
    for (const { service, line } of logLines) {
      for (const f of scanLogLine(line))
        findings.push({ ...f, where: `${service} log: ${line.slice(0, 300)}` });
    }
    const opsReads = ACCESS_MATRIX['ops-console'].filter((r) => r.method === 'GET');
    for (const route of opsReads) {
      const path = route.path.replace('{youthRef}', String(referral.youthRef)).replace('{id}', randomUUID());
      const answer = await system.http('ops-console', 'GET', path, { role: 'ops' });
      // A Prometheus sample's value is a number the process measured (a 9-digit byte count can pass
      // the elfproef by chance): scan the metric names, labels and help texts, not the values.
      const text = path.endsWith('metrics') ? withoutSampleValues(answer.text) : answer.text;
      for (const f of scanText(text)) findings.push({ ...f, where: `ops console ${path}` });
      if (answer.text.includes(SENSITIVE)) findings.push({ detector: 'note', match: SENSITIVE, where: path });
    }

    process.stdout.write(
      `[pii-scan] ${ours.length} records on ${topicsSeen.size} topics (${[...topicsSeen].sort().join(', ')}), ` +
        `${logLines.length} log lines, ${opsReads.length} ops-console reads, ${report.sent} simulated events, ` +
        `${Math.round((Date.now() - startedAt) / 1000)} s\n`,
    );
    expect(findings).toEqual([]);
    // The scan saw the run: the outboxes' events, the consumed intake events, and the dead letters.
    expect(ours.length).toBeGreaterThan(outboxIds.size);
    expect([...topicsSeen]).toEqual(
      expect.arrayContaining([
        TOPICS.waitlist,
        TOPICS.activity,
        TOPICS.bridging,
        TOPICS.referral,
        TOPICS.task,
        `${TOPICS.waitlist}.dlq`,
      ]),
    );
    expect(logLines.length).toBeGreaterThan(100);
  });
});

/** Key and headers as text; with the value: that too, and the parsed value's field names. */
function scanRecord(record: RecordedEvent, withValue: boolean): Finding[] {
  const text = [record.key ?? '', JSON.stringify(record.headers)].join('\n');
  if (!withValue) return scanText(text);
  const type = record.event?.type ?? record.headers['ce_type'] ?? '';
  const teamName = (path: string) => TEAM_EVENT.test(type) && (path === 'data.name' || path === 'name');
  return [
    ...scanText(`${text}\n${record.value ?? ''}`),
    ...(record.event ? findForbiddenFields(record.event, teamName) : []),
  ];
}

/** A pino line: the text, and (when it is JSON) its field names. */
function scanLogLine(line: string): Finding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  return [...scanText(line), ...(parsed === undefined ? [] : findForbiddenFields(parsed))];
}

async function outboxEventIds(system: SamenspelSystem): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const service of Object.keys(system.services) as (keyof typeof system.services)[]) {
    for (const row of await system.sql<{ id: string }>(service, `SELECT event_id AS id FROM outbox_event`)) {
      ids.add(row.id);
    }
  }
  return ids;
}

async function outboxKeys(system: SamenspelSystem): Promise<string[]> {
  const keys: string[] = [];
  for (const service of Object.keys(system.services) as (keyof typeof system.services)[]) {
    for (const row of await system.sql<{ key: string }>(
      service,
      `SELECT DISTINCT event_key AS key FROM outbox_event`,
    )) {
      keys.push(row.key);
    }
  }
  return keys;
}

async function unsentOutboxRows(system: SamenspelSystem): Promise<number> {
  let unsent = 0;
  for (const service of Object.keys(system.services) as (keyof typeof system.services)[]) {
    const [{ n }] = await system.sql<{ n: number }>(
      service,
      `SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL`,
    );
    unsent += n;
  }
  return unsent;
}

/** `topic/eventId` of every event the services applied (their inboxes). */
async function consumedCoordinates(system: SamenspelSystem): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const service of Object.keys(system.services) as (keyof typeof system.services)[]) {
    for (const row of await system.sql<{ topic: string; id: string }>(
      service,
      `SELECT topic, event_id AS id FROM inbox_event`,
    )) {
      seen.add(`${row.topic}/${row.id}`);
    }
  }
  return seen;
}

/** Prometheus text format without the sample values: `name{labels} value [timestamp]` → `name{labels}`. */
function withoutSampleValues(exposition: string): string {
  return exposition
    .split('\n')
    .map((line) => (line.startsWith('#') ? line : line.replace(/\s+[^\s}]+(\s+-?\d+)?$/, '')))
    .join('\n');
}
