import { ACTIVITY_EVENT_TYPES as T } from '@samenspel/contracts';
import { withDatabase } from '@samenspel/persistence';
import {
  aYouthRef,
  DEFAULT_DATABASE_URL,
  startService,
  TestKafka,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { Client } from 'pg';
import { SEED_ACTIVITIES, SEED_TEAMS } from '../src/seed/dev-catalogue';
import { ActivityApi, activityEvents } from './activity-harness';

// The development profile here too: one service start shows the synthetic catalogue as well.
const SWEEPER_ENV = {
  NODE_ENV: 'development',
  PLACEMENT_HOLD_TTL: 'PT12S',
  HOLD_SWEEP_INTERVAL_MS: '200',
  HOLD_SWEEP_BATCH_SIZE: '2',
};

async function heldInDatabase(databaseName: string): Promise<number> {
  const client = new Client({
    connectionString: withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, databaseName),
  });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM placement WHERE status = 'held'`);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe('the development profile and the expired-hold sweeper', () => {
  const instances: ServiceUnderTest[] = [];
  const kafka = new TestKafka();
  let first: ServiceUnderTest;
  beforeAll(async () => {
    first = await startService('activity', { env: SWEEPER_ENV });
    instances.push(first);
  }, 90000);
  afterAll(async () => {
    await kafka.close();
    for (const sut of instances.slice(1)) await sut.stop('SIGKILL');
    await instances[0]?.dispose();
  });

  it('loads the synthetic catalogue at start-up in the development profile, open and announced', async () => {
    const api = new ActivityApi(first);
    const teams = await api.call<{ total: number; items: { id: string }[] }>('GET', '/teams');
    expect(teams.body.total).toBe(SEED_TEAMS.length);
    const open = await api.call<{ total: number; items: { id: string }[] }>(
      'GET',
      '/activities?status=open&limit=100',
    );
    expect(open.body.total).toBe(SEED_ACTIVITIES.length);

    const candidates = await api.call<{ items: { title: string }[] }>(
      'POST',
      '/matching/candidates',
      { ageYears: 14, postcode4: '3562', municipalityCode: 'GM0344', interests: ['sport', 'music'] },
      { role: 'service' },
    );
    // The worked example of docs/activity.md.
    expect(candidates.body.items.slice(0, 4).map((c) => c.title)).toEqual([
      'Voetbal op het Cruyff Court',
      'Beats & bars studio',
      'Jongenswerk Kanaleneiland',
      'Huiswerkklas Overvecht',
    ]);

    // The development teams have fixed ids, so another service's catalogue names them too: this
    // service's own activities are those of its database.
    const activityIds = new Set(open.body.items.map((a) => a.id));
    const published = await activityEvents(
      kafka,
      (e) => e.type === T.activityPublished && activityIds.has(String(e.data.activityId)),
      SEED_ACTIVITIES.length,
      'the catalogue announced',
    );
    expect(published).toHaveLength(SEED_ACTIVITIES.length);
  });

  it('releases holds that expired while the service was down once it is back, each exactly once', async () => {
    const api = new ActivityApi(first);
    const teamId = await api.aTeam();
    const activityIds = await Promise.all([1, 2, 3, 4].map(() => api.anActivity(teamId, { capacity: 6 })));
    const before = Date.now();
    const holds = (
      await Promise.all(
        activityIds.flatMap((activityId) =>
          Array.from({ length: 5 }, async () => ({
            activityId,
            reply: await api.hold(activityId, aYouthRef()),
          })),
        ),
      )
    ).map(({ activityId, reply }) => ({
      activityId,
      ...(reply.body as { id: string; expiresAt: string; status: string }),
    }));
    expect(holds.every((h) => h.status === 'held')).toBe(true);
    // The default expiry comes from PLACEMENT_HOLD_TTL (PT12S here).
    const expiry = Date.parse(holds[0].expiresAt) - before;
    expect(expiry).toBeGreaterThanOrEqual(12000);
    expect(expiry).toBeLessThan(12000 + 10000);
    const confirmed = holds[0];
    await api.call('POST', `/placements/${confirmed.id}/confirm`, undefined, { role: 'service' });

    // Down before any hold expires: what is left to release lives in PostgreSQL only.
    await first.stop('SIGTERM');
    expect(await heldInDatabase(first.databaseName)).toBe(19);

    // Restarted on the same database. Two sweepers racing on one database is proven in
    // src/placements/hold-sweeper.db-spec.ts (two connection pools, 96 holds, four concurrent sweeps).
    const second = await first.restart();
    instances.push(second);
    const again = new ActivityApi(second);
    await waitFor(async () => (await heldInDatabase(first.databaseName)) === 0, {
      timeoutMs: 30000,
      intervalMs: 200,
      description: 'every expired hold released',
    });
    for (const activityId of activityIds) {
      const seats = await again.capacity(activityId);
      expect(seats).toEqual(
        activityId === confirmed.activityId
          ? { capacity: 6, held: 0, confirmed: 1, available: 5 }
          : { capacity: 6, held: 0, confirmed: 0, available: 6 },
      );
    }
    expect((await again.call('GET', `/placements/${confirmed.id}`)).body).toMatchObject({
      status: 'confirmed',
    });

    const released = await activityEvents(
      kafka,
      (e) => e.type === T.placementReleased && activityIds.includes(String(e.data.activityId)),
      19,
      '19 released events',
    );
    // Exactly one event per expired hold: no hold was released twice.
    expect(released).toHaveLength(19);
    expect(new Set(released.map((e) => e.data.placementId)).size).toBe(19);
    expect(released.every((e) => e.data.reason === 'expired' && typeof e.data.reference === 'string')).toBe(
      true,
    );
    // Per activity, the freed seats count up: 2..6 (5 holds on 6 seats), or 2..5 beside the confirmed seat.
    for (const activityId of activityIds) {
      const free = released
        .filter((e) => e.data.activityId === activityId)
        .map((e) => Number(e.data.available))
        .sort((a, b) => a - b);
      expect(free).toEqual(activityId === confirmed.activityId ? [2, 3, 4, 5] : [2, 3, 4, 5, 6]);
    }
  }, 90000);
});
