import { samenspelContracts } from '@samenspel/contracts';
import { MetricsRegistry } from '@samenspel/http';
import { MessagingCore1764201600000, Outbox, UnitsOfWork } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import { createDataSource } from '@samenspel/persistence';
import { aYouthRef, createTestDatabase, DEFAULT_DATABASE_URL, type TestDatabase } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ActivitiesRepository } from '../activities/activities.repository';
import type { ActivityConfig } from '../config/activity.config';
import { ActivitySchema1764806400000 } from '../migrations/1764806400000-activity-schema';
import { HoldSweeper } from './hold-sweeper';
import { PlacementsRepository } from './placements.repository';
import { ReleaseExpiredHolds } from './usecases/release-expired-holds/release-expired-holds.usecase';

const ACTIVITIES = 8;
const HOLDS_PER_ACTIVITY = 12;

/** A sweeper as one service instance has it, on its own connection pool. */
function aSweeper(dataSource: DataSource): HoldSweeper {
  return new HoldSweeper(
    new UnitsOfWork(dataSource, new Outbox('urn:samenspel:activity', samenspelContracts())),
    new ReleaseExpiredHolds(new ActivitiesRepository(), new PlacementsRepository()),
    { HOLD_SWEEP_BATCH_SIZE: 3, HOLD_SWEEP_INTERVAL_MS: 1000 } as ActivityConfig,
    createLogger('activity-test', 'silent'),
    new MetricsRegistry(),
  );
}

describe('HoldSweeper against PostgreSQL', () => {
  let db: TestDatabase;
  let secondPool: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('activity_sweeper', {
      entities: [],
      migrations: [MessagingCore1764201600000, ActivitySchema1764806400000],
    });
    secondPool = await createDataSource({
      serverUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
      database: db.name,
      applicationName: 'samenspel-test-second-sweeper',
      entities: [],
      migrations: [],
    }).initialize();
  });
  afterAll(async () => {
    await secondPool?.destroy();
    await db?.drop();
  });

  it('releases every expired hold exactly once when two sweepers race, and leaves live holds alone', async () => {
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    const teamId = randomUUID();
    await q(
      `INSERT INTO team (id, name, organisation, municipality_codes) VALUES ($1, 'T', 'O', '{GM0344}')`,
      [teamId],
    );
    const activityIds: string[] = [];
    for (let i = 0; i < ACTIVITIES; i++) {
      const id = randomUUID();
      activityIds.push(id);
      // Every activity: 12 expired holds and 1 live hold, on 20 seats.
      await q(
        `INSERT INTO activity (id, team_id, title, kind, themes, min_age, max_age, municipality_code, postcode4,
           schedule, contact_role, capacity, held, status)
         VALUES ($1, $2, 'A', 'group', '{sport}', 10, 16, 'GM0344', '3562', '{"rrule":"FREQ=WEEKLY"}', 'worker', 20, $3, 'open')`,
        [id, teamId, HOLDS_PER_ACTIVITY + 1],
      );
      for (let h = 0; h <= HOLDS_PER_ACTIVITY; h++) {
        const expires = h < HOLDS_PER_ACTIVITY ? `now() - interval '1 minute'` : `now() + interval '1 day'`;
        await q(
          `INSERT INTO placement (id, activity_id, team_id, youth_ref, reference, status, expires_at)
           VALUES ($1, $2, $3, $4, $5, 'held', ${expires})`,
          [randomUUID(), id, teamId, aYouthRef(), randomUUID()],
        );
      }
    }

    const one = aSweeper(db.dataSource);
    const two = aSweeper(secondPool);
    const released = await Promise.all([one.sweep(), two.sweep(), one.sweep(), two.sweep()]);

    const expired = ACTIVITIES * HOLDS_PER_ACTIVITY; // 8 × 12 = 96
    expect(released.reduce((a, b) => a + b, 0)).toBe(expired);
    const [events] = await q(
      `SELECT count(*)::int AS n, count(DISTINCT aggregate_id)::int AS placements FROM outbox_event
        WHERE event_type = 'nl.samenspel.placement.released.v1' AND payload->'data'->>'reason' = 'expired'`,
    );
    expect(events).toEqual({ n: expired, placements: expired });
    const seats = await q(`SELECT held, confirmed, capacity FROM activity ORDER BY id`);
    expect(seats).toEqual(activityIds.map(() => ({ held: 1, confirmed: 0, capacity: 20 })));
    const [stillHeld] = await q(`SELECT count(*)::int AS n FROM placement WHERE status = 'held'`);
    expect(stillHeld.n).toBe(ACTIVITIES);
    // Nothing left to do: a further sweep releases nothing.
    expect(await one.sweep()).toBe(0);
  });
});
