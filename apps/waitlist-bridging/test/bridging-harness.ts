import { randomInt } from 'node:crypto';
import { TOPICS } from '@samenspel/contracts';
import { authHeader, startService, TestKafka, waitFor, type ServiceUnderTest } from '@samenspel/testing';
import {
  enteredEvent,
  toRecord,
  type EnteredOverrides,
  type SyntheticEvent,
  type TopicRecorder,
} from '@samenspel/testing';

export const INTAKE = 'urn:jeugdzorg:intake:regio-utrecht';

const municipalitiesGiven = new Set<string>();

/**
 * A municipality code of its own per test, so that tests never share a queue or a seat: never the
 * same twice in one test file (each file has its own activity database). Drawn at random alone,
 * a repeat among a file's twenty-odd tests is likely enough to make a test see another's activity.
 */
export function aMunicipality(): string {
  for (;;) {
    const code = `GM9${String(randomInt(1000)).padStart(3, '0')}`;
    if (!municipalitiesGiven.has(code)) {
      municipalitiesGiven.add(code);
      return code;
    }
  }
}

export interface EntryView {
  waitlistEntryId: string;
  youthRef: string;
  status: string;
  offers: {
    offerId: string;
    activityId: string;
    teamId: string;
    rank: number;
    status: string;
    expiresAt: string;
  }[];
}

/** Drives the activity service (catalogue) and the bridging service under test over HTTP and Kafka. */
export class BridgingHarness {
  constructor(
    readonly activity: ServiceUnderTest,
    public bridging: ServiceUnderTest,
    readonly kafka: TestKafka,
    readonly outbound: TopicRecorder,
  ) {}

  async team(municipalityCode: string): Promise<string> {
    const res = await fetch(`${this.activity.baseUrl}/api/v1/teams`, {
      method: 'POST',
      headers: { ...(await authHeader('admin')), 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Jongerenwerk ${municipalityCode}`,
        organisation: 'Stichting Synthetisch',
        municipalityCodes: [municipalityCode],
      }),
    });
    if (res.status !== 201) throw new Error(`team: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  /** A published activity. */
  async activityFor(
    teamId: string,
    municipalityCode: string,
    o: {
      title?: string;
      themes?: string[];
      capacity?: number;
      postcode4?: string;
      minAge?: number;
      maxAge?: number;
    } = {},
  ): Promise<string> {
    const admin = { ...(await authHeader('admin')), 'content-type': 'application/json' };
    const res = await fetch(`${this.activity.baseUrl}/api/v1/activities`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        teamId,
        title: o.title ?? 'Muziekstudio',
        kind: 'group',
        themes: o.themes ?? ['music'],
        minAge: o.minAge ?? 10,
        maxAge: o.maxAge ?? 20,
        municipalityCode,
        postcode4: o.postcode4 ?? '3581',
        schedule: { slots: [{ day: 'WE', start: '15:30', end: '17:00' }] },
        capacity: o.capacity ?? 10,
        contactRole: 'jongerenwerker',
      }),
    });
    if (res.status !== 201) throw new Error(`activity: ${res.status} ${await res.text()}`);
    const id = ((await res.json()) as { id: string }).id;
    const published = await fetch(`${this.activity.baseUrl}/api/v1/activities/${id}/publish`, {
      method: 'POST',
      headers: admin,
    });
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
    return id;
  }

  async send(events: SyntheticEvent[], mode: 'structured' | 'binary' = 'structured'): Promise<void> {
    await this.kafka.produce(
      TOPICS.waitlist,
      events.map((e) => toRecord(e, mode)),
    );
  }

  entered(municipalityCode: string, overrides: EnteredOverrides = {}): SyntheticEvent {
    return enteredEvent(INTAKE, { municipalityCode, postcode4: '3581', interests: ['music'], ...overrides });
  }

  async entry(waitlistEntryId: string): Promise<EntryView | undefined> {
    const res = await fetch(
      `${this.bridging.baseUrl}/api/v1/waitlist-entries/${encodeURIComponent(waitlistEntryId)}`,
      {
        // The intake system that sent the entries (INTAKE): it sees only its own organisation's.
        headers: await authHeader('intake-system', { org: INTAKE }),
      },
    );
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`entry: ${res.status} ${await res.text()}`);
    return (await res.json()) as EntryView;
  }

  /** Waits until the entry has the status, and returns it. */
  async entryIn(waitlistEntryId: string, status: string, timeoutMs = 15000): Promise<EntryView> {
    return waitFor(
      async () => {
        const e = await this.entry(waitlistEntryId);
        return e?.status === status ? e : undefined;
      },
      { timeoutMs, intervalMs: 100, description: `entry ${waitlistEntryId} ${status}` },
    );
  }

  /** Waits for an outbound event of the type for the youngster. */
  /** Replaces the bridging service by a fresh one (new database) with these settings. */
  async restartBridging(env: Record<string, string>): Promise<void> {
    await this.bridging.dispose();
    this.bridging = await startService('waitlist-bridging', {
      env: { ACTIVITY_URL: this.activity.baseUrl, ...env },
    });
  }

  async outboundEvent(youthRef: string, type: string, count = 1, timeoutMs = 15000) {
    return waitFor(
      () => {
        const found = this.outbound.of(youthRef, `nl.samenspel.bridging.${type}.v1`);
        return found.length >= count ? found : undefined;
      },
      { timeoutMs, intervalMs: 50, description: `${count} ${type} event(s) for ${youthRef}` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nbridging log:\n${this.bridging.process.logs.slice(-3000)}`);
    });
  }

  async decide(
    offerId: string,
    teamId: string,
    decision: 'accept' | 'decline',
    reason?: string,
  ): Promise<Response> {
    return fetch(`${this.bridging.baseUrl}/api/v1/offers/${offerId}/${decision}`, {
      method: 'POST',
      headers: { ...(await authHeader('team-lead', { teamId })), 'content-type': 'application/json' },
      body: JSON.stringify(decision === 'decline' ? { reason: reason ?? 'not-interested' } : {}),
    });
  }

  async placement(
    placementQuery: string,
  ): Promise<{ items: { id: string; status: string; reference: string; activityId: string }[] }> {
    const res = await fetch(`${this.activity.baseUrl}/api/v1/placements?${placementQuery}`, {
      headers: await authHeader('admin'),
    });
    return (await res.json()) as {
      items: { id: string; status: string; reference: string; activityId: string }[];
    };
  }
}
