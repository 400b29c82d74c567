import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS, type CloudEvent } from '@samenspel/contracts';
import { authHeader, TestKafka, waitFor, type ServiceUnderTest } from '@samenspel/testing';

type Role = Parameters<typeof authHeader>[0];

export interface Reply<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

const municipalityCodesGiven = new Set<string>();

/**
 * A made-up municipality code per test, so one test's catalogue never ranks in another's query:
 * never the same twice in one test file.
 */
export function aMunicipalityCode(): string {
  for (;;) {
    const code = `GM${String(1000 + (randomBytes(2).readUInt16BE() % 9000))}`;
    if (!municipalityCodesGiven.has(code)) {
      municipalityCodesGiven.add(code);
      return code;
    }
  }
}

/** Calls the activity service's HTTP API as a given role. */
export class ActivityApi {
  constructor(private readonly sut: ServiceUnderTest) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    as: { role: Role; teamId?: string } = { role: 'admin' },
  ): Promise<Reply<T>> {
    const res = await fetch(`${this.sut.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(await authHeader(as.role, as.teamId ? { teamId: as.teamId } : {})),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : {},
    };
  }

  async aTeam(municipalityCodes = ['GM0344']): Promise<string> {
    const reply = await this.call<{ id: string }>('POST', '/teams', {
      name: `Team ${randomUUID().slice(0, 8)}`,
      organisation: 'Synthetic youth work',
      municipalityCodes,
    });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  /** Creates an activity as the team's lead; published (open) unless `publish: false`. */
  async anActivity(
    teamId: string,
    fields: Record<string, unknown> = {},
    { publish = true } = {},
  ): Promise<string> {
    const reply = await this.call<{ id: string }>('POST', '/activities', anActivityBody(teamId, fields), {
      role: 'team-lead',
      teamId,
    });
    expect(reply).toMatchObject({ status: 201 });
    if (publish) {
      expect(
        (
          await this.call('POST', `/activities/${reply.body.id}/publish`, undefined, {
            role: 'team-lead',
            teamId,
          })
        ).status,
      ).toBe(200);
    }
    return reply.body.id;
  }

  hold(
    activityId: string,
    youthRef: string,
    reference: string = randomUUID(),
    extra: Record<string, unknown> = {},
  ) {
    return this.call<{ id: string; status: string; type?: string }>(
      'POST',
      '/placements',
      { activityId, youthRef, reference, ...extra },
      { role: 'service' },
    );
  }

  async capacity(activityId: string) {
    const reply = await this.call<{ capacity: Record<string, number>; status: string }>(
      'GET',
      `/activities/${activityId}`,
    );
    expect(reply.status).toBe(200);
    return reply.body.capacity;
  }
}

export function anActivityBody(teamId: string, fields: Record<string, unknown> = {}) {
  return {
    teamId,
    title: `Activity ${randomUUID().slice(0, 8)}`,
    kind: 'group',
    themes: ['sport'],
    minAge: 10,
    maxAge: 16,
    municipalityCode: 'GM0344',
    postcode4: '3562',
    schedule: { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
    capacity: 10,
    contactRole: 'jongerenwerker',
    ...fields,
  };
}

export type ActivityEvent = CloudEvent<Record<string, unknown>> & { key: string | null };

/** Reads samenspel.activity.v1 from the broker (plain kafkajs), keeping the events that match. */
export async function activityEvents(
  kafka: TestKafka,
  matches: (e: ActivityEvent) => boolean,
  expected: number,
  description: string,
): Promise<ActivityEvent[]> {
  return waitFor(
    async () => {
      // The topic is shared with other suites, some of which put deliberately broken records on it:
      // only the records that are events at all are candidates.
      const found = (await kafka.readAll(TOPICS.activity))
        .flatMap((r) => {
          try {
            return [{ ...(JSON.parse(r.value ?? '') as CloudEvent<Record<string, unknown>>), key: r.key }];
          } catch {
            return [];
          }
        })
        .filter((e) => {
          try {
            return matches(e);
          } catch {
            return false; // JSON, but not an event of the shape this test looks for
          }
        });
      return found.length >= expected && found;
    },
    { timeoutMs: 30000, intervalMs: 300, description },
  );
}

export const problemType = (code: string) => `https://samenspel.nl/problems/${code}`;
