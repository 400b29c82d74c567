import { DomainError } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import { aYouthRef, waitFor, type TestDatabase } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import type { ActivityConfig } from '../../../config/activity.config';
import { FindCandidates } from '../../../matching/usecases/find-candidates/find-candidates.usecase';
import { anActivityDatabase, anOpenActivity, anOutbox, outboxCount } from '../../../../test/medium-test';
import { PlacementsRepository } from '../../placements.repository';
import { HoldBestPlacementCommand } from '../hold-best-placement/hold-best-placement.command';
import { HoldBestPlacement } from '../hold-best-placement/hold-best-placement.usecase';
import { HoldPlacementCommand } from '../hold-placement/hold-placement.command';
import { HoldPlacement } from '../hold-placement/hold-placement.usecase';
import { HoldBestPlacements } from './hold-best-placements.usecase';

const service: Principal = { sub: 'bridging', role: 'service' };

describe('HoldBestPlacements (a batch, in order, in one transaction) against PostgreSQL', () => {
  let db: TestDatabase;
  let holdPlacement: HoldPlacement;
  let sut: HoldBestPlacements;
  let municipalities = 0;

  beforeAll(async () => {
    db = await anActivityDatabase('activity_hold_batch');
    const activities = new ActivitiesRepository();
    const placements = new PlacementsRepository();
    holdPlacement = new HoldPlacement(db.dataSource, activities, placements, anOutbox(), {
      PLACEMENT_HOLD_TTL: 'P7D',
    } as ActivityConfig);
    const holdBest = new HoldBestPlacement(
      db.dataSource,
      new FindCandidates(db.dataSource, activities),
      holdPlacement,
      placements,
      activities,
    );
    sut = new HoldBestPlacements(db.dataSource, holdBest, anOutbox(), pino({ level: 'silent' }));
  });
  afterAll(async () => db?.drop());

  /** An activity in a municipality of its own, so that no other test's activities compete. */
  async function anActivityIn(
    municipalityCode: string,
    capacity: number,
  ): Promise<{ teamId: string; activityId: string }> {
    const created = await anOpenActivity(db, { capacity });
    await db.dataSource.query(`UPDATE activity SET municipality_code = $2 WHERE id = $1`, [
      created.activityId,
      municipalityCode,
    ]);
    return created;
  }
  const aMunicipality = () => `GM${String(9100 + ++municipalities)}`;

  const aYoungster = (municipalityCode: string, reference: string = randomUUID(), youthRef = aYouthRef()) =>
    new HoldBestPlacementCommand({
      principal: service,
      query: { ageYears: 14, postcode4: '3562', municipalityCode, interests: ['sport'] },
      youthRef,
      reference,
    });

  const seats = async (activityId: string) =>
    (await db.dataSource.query(`SELECT held, confirmed FROM activity WHERE id = $1`, [activityId]))[0];

  it('serves the youngsters in the order given: with two seats left, the first two get them', async () => {
    const m = aMunicipality();
    const { activityId } = await anActivityIn(m, 2);
    const batch = [aYoungster(m), aYoungster(m), aYoungster(m)];

    const results = await sut.execute(batch);

    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({
      placement: { activityId, youthRef: batch[0]!.youthRef, reference: batch[0]!.reference },
      created: true,
    });
    expect(results[1]).toMatchObject({
      placement: { activityId, youthRef: batch[1]!.youthRef },
      created: true,
    });
    expect(results[2]).toEqual({ placement: null });
    expect(await seats(activityId)).toEqual({ held: 2, confirmed: 0 });
    expect(await outboxCount(db, activityId)).toBe(2);
  });

  it('answers a refused youngster as a single call would, and holds the others of the batch', async () => {
    const m = aMunicipality();
    const { activityId } = await anActivityIn(m, 5);
    const [taken] = await sut.execute([aYoungster(m)]);
    const reference = (taken as { placement: { reference: string } }).placement.reference;
    // Another youngster's reference: a client bug, answered with a 409 reference-conflict.
    const batch = [aYoungster(m), aYoungster(m, reference), aYoungster(m)];

    const results = await sut.execute(batch);

    expect(results[0]).toMatchObject({ placement: { youthRef: batch[0]!.youthRef }, created: true });
    expect(results[1]).toEqual({ refused: expect.any(DomainError) });
    expect((results[1] as { refused: DomainError }).refused).toMatchObject({
      kind: 'state-conflict',
      code: 'reference-conflict',
    });
    expect(results[2]).toMatchObject({ placement: { youthRef: batch[2]!.youthRef }, created: true });
    expect(await seats(activityId)).toEqual({ held: 3, confirmed: 0 });
  });

  it('answers a repeated batch with the same placements and takes no second seat', async () => {
    const m = aMunicipality();
    const { activityId } = await anActivityIn(m, 3);
    const batch = [aYoungster(m), aYoungster(m)];

    const first = await sut.execute(batch);
    const again = await sut.execute(batch);

    const ids = (results: typeof first) => results.map((r) => ('placement' in r ? r.placement?.id : r));
    expect(ids(again)).toEqual(ids(first));
    expect(again.map((r) => 'created' in r && r.created)).toEqual([false, false]);
    expect(await seats(activityId)).toEqual({ held: 2, confirmed: 0 });
    expect(await outboxCount(db, activityId)).toBe(2);
  });

  it('commits nothing of a batch that failed as a whole, and holds its youngsters one at a time', async () => {
    const m = aMunicipality();
    const { activityId } = await anActivityIn(m, 5);
    // The same youngster's reference, held on an activity elsewhere by a call that has not
    // committed yet: the batch's insert of that reference waits on the unique index, then fails.
    const elsewhere = await anActivityIn(aMunicipality(), 5);
    const youthRef = aYouthRef();
    const reference = randomUUID();
    const concurrent = db.dataSource.createQueryRunner();
    await concurrent.connect();
    await concurrent.startTransaction();
    const earlier = await holdPlacement.holdIn(
      concurrent.manager,
      new HoldPlacementCommand({ principal: service, activityId: elsewhere.activityId, youthRef, reference }),
      new Date(Date.now() + 3600_000),
    );
    const batch = [aYoungster(m), aYoungster(m, reference, youthRef), aYoungster(m)];

    const pending = sut.execute(batch);
    await waitFor(
      async () => {
        const [{ n }] = await db.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return n === 1;
      },
      { description: 'the batch waiting on the uncommitted reference' },
    );
    await concurrent.commitTransaction();
    await concurrent.release();
    const results = await pending;

    expect(results[0]).toMatchObject({
      placement: { activityId, youthRef: batch[0]!.youthRef },
      created: true,
    });
    // The youngster gets the seat the concurrent call held, never a second one.
    expect(results[1]).toMatchObject({
      placement: { id: earlier.placement.id, activityId: elsewhere.activityId, youthRef },
      created: false,
    });
    expect(results[2]).toMatchObject({
      placement: { activityId, youthRef: batch[2]!.youthRef },
      created: true,
    });
    expect(await seats(activityId)).toEqual({ held: 2, confirmed: 0 });
    expect(await seats(elsewhere.activityId)).toEqual({ held: 1, confirmed: 0 });
    expect(await outboxCount(db, activityId)).toBe(2);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM placement WHERE youth_ref = $1`,
      [youthRef],
    );
    expect(n).toBe(1);
  });
});
