import { samenspelContracts } from '@samenspel/contracts';
import { MessagingCore1764201600000, Outbox } from '@samenspel/messaging';
import { aYouthRef, createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import { ActivitySchema1764806400000 } from '../src/migrations/1764806400000-activity-schema';

/** Medium tests: use cases with real repositories against a fresh PostgreSQL database. */
export function anActivityDatabase(prefix: string): Promise<TestDatabase> {
  return createTestDatabase(prefix, {
    entities: [],
    migrations: [MessagingCore1764201600000, ActivitySchema1764806400000],
  });
}

export const anOutbox = () => new Outbox('urn:samenspel:activity', samenspelContracts());

/** An open activity of a new team, with the given seats already taken. */
export async function anOpenActivity(
  db: TestDatabase,
  seats: { capacity: number; held?: number; confirmed?: number } = { capacity: 10 },
): Promise<{ teamId: string; activityId: string }> {
  const teamId = randomUUID();
  const activityId = randomUUID();
  await db.dataSource.query(
    `INSERT INTO team (id, name, organisation, municipality_codes) VALUES ($1, 'T', 'O', '{GM0344}')`,
    [teamId],
  );
  await db.dataSource.query(
    `INSERT INTO activity (id, team_id, title, kind, themes, min_age, max_age, municipality_code, postcode4,
       schedule, contact_role, capacity, held, confirmed, status)
     VALUES ($1, $2, 'A', 'group', '{sport}', 10, 16, 'GM0344', '3562', '{"rrule":"FREQ=WEEKLY"}', 'worker',
       $3, $4, $5, 'open')`,
    [activityId, teamId, seats.capacity, seats.held ?? 0, seats.confirmed ?? 0],
  );
  return { teamId, activityId };
}

/** A placement row as a seed, e.g. a hold whose time ran out; the caller keeps the counters right. */
export async function aPlacement(
  db: TestDatabase,
  at: { teamId: string; activityId: string },
  status: string,
  expiresAt: Date | null,
): Promise<string> {
  const id = randomUUID();
  await db.dataSource.query(
    `INSERT INTO placement (id, activity_id, team_id, youth_ref, reference, status, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, at.activityId, at.teamId, aYouthRef(), randomUUID(), status, expiresAt],
  );
  return id;
}

export async function outboxCount(db: TestDatabase, aggregateId: string): Promise<number> {
  const [row] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 OR payload->'data'->>'activityId' = $1`,
    [aggregateId],
  );
  return row.n;
}
