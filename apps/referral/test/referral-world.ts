import { randomInt, randomUUID } from 'node:crypto';
import {
  ACTIVITY_EVENT_TYPES,
  CLOUDEVENTS_JSON,
  REFERRAL_EVENT_TYPES,
  TASK_EVENT_TYPES,
  TOPICS,
  type CloudEvent,
} from '@samenspel/contracts';
import {
  authHeader,
  aUniqueName,
  aYouthRef,
  startService,
  TestKafka,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import type { Role } from '@samenspel/http';
import { Client } from 'pg';

// Responses and events are read as loose JSON in tests; assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** Who calls: a role and its claims. */
export type Caller = { role: Role; teamId?: string; org?: string; sub?: string };

/** Synthetic test world around one running referral service: a plain producer, HTTP and SQL probes. */
export class ReferralWorld {
  readonly kafka = new TestKafka();

  constructor(readonly sut: ServiceUnderTest) {}

  /** One referral service for a suite: start it in beforeAll, dispose of it in afterAll. */
  static async start(): Promise<ReferralWorld> {
    return new ReferralWorld(await startService('referral'));
  }

  /** Starts a world before the calling suite's tests, hands it to `use`, and disposes of it after them. */
  static forTheseSpecs(use: (world: ReferralWorld) => void): void {
    let started: ReferralWorld | undefined;
    beforeAll(async () => {
      started = await ReferralWorld.start();
      use(started);
    }, 90000);
    afterAll(() => started?.dispose());
  }

  async dispose(): Promise<void> {
    await this.close();
    await this.sut.dispose();
  }

  // Other engineers' tests publish teams on the same broker, and this service reads them too. So a
  // test takes a municipality that no team in the read model serves yet (consecutive codes from a
  // random start), and names its teams so that they win a tie (lowest teamId).
  private nextMunicipality = 1000 + randomInt(8000);

  /** A municipality code of its own: no team serves it (yet). */
  async aMunicipality(): Promise<string> {
    for (;;) {
      const code = `GM${this.nextMunicipality++}`;
      if (this.nextMunicipality > 9999) this.nextMunicipality = 1000;
      const served = await this.sql(`SELECT 1 FROM team WHERE $1 = ANY (municipality_codes)`, [code]);
      if (served.length === 0) return code;
    }
  }

  /** A UUID, as the activity service gives its teams, that sorts before any other team's. */
  aTeamId(): string {
    return `00000000-${randomUUID().slice(9)}`;
  }

  async produce(
    topic: string,
    type: string,
    key: string,
    data: object,
    source = 'urn:jeugdzorg:intake:test',
  ) {
    const event: CloudEvent<Json> = {
      specversion: '1.0',
      id: randomUUID(),
      source,
      type,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    };
    await this.kafka.produce(topic, [
      { key, value: JSON.stringify(event), headers: { 'content-type': CLOUDEVENTS_JSON } },
    ]);
    return event;
  }

  /** A team from the activity service, and the wait until the referral service's read model has it. */
  async aTeamServing(municipalityCodes: string[], teamId = this.aTeamId()): Promise<string> {
    await this.produce(
      TOPICS.activity,
      ACTIVITY_EVENT_TYPES.teamCreated,
      teamId,
      { teamId, name: `Team ${teamId}`, organisation: 'jongerenwerk-test', municipalityCodes },
      'urn:samenspel:activity',
    );
    await waitFor(
      async () => (await this.sql(`SELECT 1 FROM team WHERE team_id = $1`, [teamId])).length === 1,
      {
        timeoutMs: 30000,
        intervalMs: 200,
        description: `team ${teamId} in the read model`,
      },
    );
    return teamId;
  }

  /** The youngster an event from youth care is about: a new one, unless the overrides name one. */
  private youngster(overrides: Record<string, unknown>, ageYears: number) {
    const youthRef = (overrides.youthRef as string) ?? aYouthRef();
    return { youthRef, ageYears, postcode4: '3581', municipalityCode: 'GM0344' };
  }

  trajectoryEnded(overrides: Record<string, unknown> = {}) {
    const youngster = this.youngster(overrides, 17);
    const data = {
      trajectoryId: aUniqueName('traj'),
      ...youngster,
      endedAt: new Date().toISOString(),
      endReason: '31',
      followUpWanted: true,
      interests: ['music', 'sports'],
      consent: { youthWork: true, givenBy: 'youth', givenAt: '2026-11-01T09:00:00Z' },
      careProvider: { organisation: 'zorgaanbieder-test' },
      ...overrides,
    };
    return this.produce(TOPICS.trajectory, REFERRAL_EVENT_TYPES.trajectoryEnded, youngster.youthRef, data);
  }

  careReferralRequested(overrides: Record<string, unknown> = {}) {
    const youngster = this.youngster(overrides, 14);
    const data = {
      referralId: aUniqueName('UTR-REF'),
      ...youngster,
      reason: 'talent',
      interests: ['dance'],
      consent: { youthWork: true, givenBy: 'youth-and-guardian', givenAt: '2026-11-01T09:00:00Z' },
      requestedBy: { organisation: 'zorg-utrecht', role: 'care-worker' },
      ...overrides,
    };
    return this.produce(
      TOPICS.jeugdzorgReferral,
      REFERRAL_EVENT_TYPES.careReferralRequested,
      youngster.youthRef,
      data,
    );
  }

  taskCompleted(
    referral: { id: string; youthRef: string; receivingTeamId: string },
    step: string,
    outcome: string,
  ) {
    return this.produce(
      TOPICS.task,
      TASK_EVENT_TYPES.completed,
      referral.youthRef,
      {
        taskId: randomUUID(),
        teamId: referral.receivingTeamId,
        type: 'follow-up',
        youthRef: referral.youthRef,
        dueAt: new Date().toISOString(),
        referralId: referral.id,
        step,
        outcome,
        at: new Date().toISOString(),
      },
      'urn:samenspel:notification',
    );
  }

  /** A call of the REST API under /api/v1. */
  http(method: string, path: string, who: Caller, body?: unknown, headers: Record<string, string> = {}) {
    return this.request(method, `/api/v1${path}`, who, body, headers);
  }

  /** A call of any path of the service, with a JSON body; `who` undefined sends no token. */
  async request(
    method: string,
    path: string,
    who: Caller | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${this.sut.baseUrl}${path}`, {
      method,
      headers: {
        ...(who ? await authHeader(who.role, { teamId: who.teamId, org: who.org, sub: who.sub }) : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      etag: res.headers.get('etag'),
      contentType: res.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : undefined) as Json,
    };
  }

  /** The referrals of a youngster, as admin sees them. */
  async referralsOf(youthRef: string) {
    const res = await this.http('GET', `/referrals?youthRef=${youthRef}`, { role: 'admin' });
    return res.body.items as Json[];
  }

  async waitForReferralOf(youthRef: string, description: string) {
    return waitFor(async () => (await this.referralsOf(youthRef))[0], {
      timeoutMs: 30000,
      intervalMs: 200,
      description,
    });
  }

  /** Our outgoing events about a youngster as they are on the broker. */
  async publishedAbout(youthRef: string, topic: string = TOPICS.referral): Promise<CloudEvent<Json>[]> {
    const records = await this.kafka.readAll(topic);
    return records.filter((r) => r.key === youthRef).map((r) => JSON.parse(r.value!) as CloudEvent<Json>);
  }

  async waitForPublished(youthRef: string, type: string) {
    return waitFor(async () => (await this.publishedAbout(youthRef)).find((e) => e.type === type), {
      timeoutMs: 30000,
      intervalMs: 500,
      description: `${type} about ${youthRef} on ${TOPICS.referral}`,
    });
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');
    url.pathname = `/${this.sut.databaseName}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async close() {
    await this.kafka.close();
  }
}

export const consent = (givenBy: 'youth' | 'guardian' | 'youth-and-guardian', youthWork = true) => ({
  youthWork,
  givenBy,
  givenAt: '2026-11-01T09:00:00Z',
});
