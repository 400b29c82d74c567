import { randomInt } from 'node:crypto';
import type { Role } from '@samenspel/http';
import {
  aUniqueName,
  authHeader,
  DEFAULT_DATABASE_URL,
  startService,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { Client } from 'pg';
import type { ServiceName } from './access-matrix';

// Responses are read as loose JSON in tests; assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** Who calls: a role with its claims, or nobody (no Authorization header). */
export type Caller =
  | { role: 'anonymous' }
  | { role: Role; teamId?: string; org?: string; sub?: string; municipalityCodes?: string[] };

/** A request body sent as it is, under its own content type. */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly text: string,
  ) {}

  static json(value: unknown): RawBody {
    return new RawBody('application/json', JSON.stringify(value));
  }
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  json?: Json;
}

/**
 * All five services as real processes on the real broker, each with a fresh database and consumer
 * group: the activity service first (waitlist-bridging asks it for candidates), then the rest.
 */
export class SamenspelSystem {
  private constructor(readonly services: Record<ServiceName, ServiceUnderTest>) {}

  static async start(env: Record<string, string> = {}): Promise<SamenspelSystem> {
    const started: ServiceUnderTest[] = [];
    const start = async (name: ServiceName, extra: Record<string, string> = {}) => {
      const sut = await startService(name, { env: { ...env, ...extra } });
      started.push(sut);
      return sut;
    };
    try {
      // One after the other: on a shared two-core machine, five compiling at once miss their
      // start-up deadline.
      const activity = await start('activity');
      const referral = await start('referral');
      const bridging = await start('waitlist-bridging', { ACTIVITY_URL: activity.baseUrl });
      return new SamenspelSystem({
        activity,
        referral,
        'waitlist-bridging': bridging,
        // The workspace routes act on these three as the worker.
        notification: await start('notification', {
          BRIDGING_URL: bridging.baseUrl,
          ACTIVITY_URL: activity.baseUrl,
          REFERRAL_URL: referral.baseUrl,
        }),
        'ops-console': await start('ops-console'),
      });
    } catch (error) {
      await Promise.all(started.map((s) => s.dispose()));
      throw error;
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.dispose()));
  }

  /**
   * One HTTP call, with `body` as JSON or, as `{ contentType, text }`, as it is; a
   * `text/event-stream` answer is cut off once its headers are in.
   */
  async http(
    service: ServiceName,
    method: string,
    path: string,
    caller: Caller,
    body?: unknown,
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    if (caller.role !== 'anonymous') {
      const { role, ...claims } = caller;
      Object.assign(headers, await authHeader(role, { sub: aUniqueName(`u-${role}`), ...claims }));
    }
    const sent = body instanceof RawBody ? body : body === undefined ? undefined : RawBody.json(body);
    if (sent) headers['content-type'] = sent.contentType;
    const abort = new AbortController();
    const res = await fetch(`${this.services[service].baseUrl}${path}`, {
      method,
      headers,
      body: sent?.text,
      signal: abort.signal,
    });
    const contentType = res.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) {
      abort.abort();
      return { status: res.status, contentType, text: '' };
    }
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = contentType.includes('json') && text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, contentType, text, json };
  }

  /** Like http(), but fails unless the status is the one expected. */
  async expectHttp(
    expected: number,
    service: ServiceName,
    method: string,
    path: string,
    caller: Caller,
    body?: unknown,
  ): Promise<Json> {
    const answer = await this.http(service, method, path, caller, body);
    if (answer.status !== expected) {
      throw new Error(`${method} ${service}${path} as ${caller.role}: ${answer.status} ${answer.text}`);
    }
    return answer.json ?? {};
  }

  async sql<T = Json>(service: ServiceName, text: string, params: unknown[] = []): Promise<T[]> {
    const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    url.pathname = `/${this.services[service].databaseName}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * A municipality code no team in the referral service's read model serves yet (other tests on
   * the shared broker publish teams too), so that routing goes to this test's team.
   */
  async aMunicipality(): Promise<string> {
    for (;;) {
      const code = `GM${1000 + randomInt(9000)}`;
      const served = await this.sql('referral', `SELECT 1 FROM team WHERE $1 = ANY (municipality_codes)`, [
        code,
      ]);
      if (served.length === 0) return code;
    }
  }

  /** A team in the activity service, once the referral service's read model has it too. */
  async aTeam(municipalityCodes: string[], organisation = 'Stichting Synthetisch'): Promise<string> {
    const team = await this.expectHttp(
      201,
      'activity',
      'POST',
      '/api/v1/teams',
      { role: 'admin' },
      {
        name: `Jongerenwerk ${municipalityCodes.join(' ')}`,
        organisation,
        municipalityCodes,
      },
    );
    const teamId = team.id as string;
    await waitFor(
      async () =>
        (await this.sql('referral', `SELECT 1 FROM team WHERE team_id = $1`, [teamId])).length === 1,
      { timeoutMs: 20000, intervalMs: 100, description: `team ${teamId} in the referral read model` },
    );
    return teamId;
  }

  /** A published activity of the team, with room for everyone. */
  async anActivity(
    teamId: string,
    municipalityCode: string,
    o: { themes?: string[]; postcode4?: string } = {},
  ): Promise<string> {
    const admin: Caller = { role: 'admin' };
    const activity = await this.expectHttp(201, 'activity', 'POST', '/api/v1/activities', admin, {
      teamId,
      title: 'Muziekstudio',
      kind: 'group',
      themes: o.themes ?? ['music'],
      minAge: 8,
      maxAge: 23,
      municipalityCode,
      postcode4: o.postcode4 ?? '3581',
      schedule: { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
      capacity: 50,
      contactRole: 'jongerenwerker',
    });
    const id = activity.id as string;
    await this.expectHttp(200, 'activity', 'POST', `/api/v1/activities/${id}/publish`, admin);
    return id;
  }

  /** Waits for the notification service's tasks of a team that match. */
  async tasksOf(teamId: string, match: (task: Json) => boolean, count = 1): Promise<Json[]> {
    return waitFor(
      async () => {
        const page = await this.expectHttp(200, 'notification', 'GET', '/api/v1/tasks?limit=200', {
          role: 'team-lead',
          teamId,
        });
        const found = (page.items as Json[]).filter(match);
        return found.length >= count ? found : undefined;
      },
      { timeoutMs: 30000, intervalMs: 200, description: `${count} task(s) for team ${teamId}` },
    );
  }
}

export const consentOf = (givenBy: 'youth' | 'guardian' | 'youth-and-guardian') => ({
  youthWork: true,
  givenBy,
  givenAt: new Date(Date.now() - 86400000).toISOString(),
});
