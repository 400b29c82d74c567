import type { Principal } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { aYouthRef, type TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import type { ActivityConfig } from '../../../config/activity.config';
import { anActivityDatabase, anOpenActivity, anOutbox, outboxCount } from '../../../../test/medium-test';
import { PlacementsRepository } from '../../placements.repository';
import { runHold } from '../../run-hold';
import { HoldPlacementCommand } from './hold-placement.command';
import { HoldPlacement } from './hold-placement.usecase';

const service: Principal = { sub: 'bridging', role: 'service' };

describe('HoldPlacement against PostgreSQL', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  let sut: HoldPlacement;
  /** As its HTTP entry point runs it: in a unit of work of its own. */
  const hold = (command: HoldPlacementCommand) => runHold(units, (uow) => sut.execute(command, uow));
  /** A hold for a new youngster by the bridging service, unless `more` says otherwise. */
  const holdSeat = (activityId: string, reference: string, more: Partial<HoldPlacementCommand> = {}) =>
    hold(
      new HoldPlacementCommand({ principal: service, activityId, youthRef: aYouthRef(), reference, ...more }),
    );

  beforeAll(async () => {
    db = await anActivityDatabase('activity_hold');
    units = new UnitsOfWork(db.dataSource, anOutbox());
    sut = new HoldPlacement(
      new ActivitiesRepository(),
      new PlacementsRepository(),
      {
        PLACEMENT_HOLD_TTL: 'P7D',
      } as ActivityConfig,
      systemClock,
    );
  });
  afterAll(async () => db?.drop());

  it('holds the last seat with a 7-day default expiry and one held event', async () => {
    const { activityId } = await anOpenActivity(db, { capacity: 3, held: 1, confirmed: 1 });
    const before = Date.now();
    const { placement, created } = await holdSeat(activityId, 'ref-last-seat');
    expect(created).toBe(true);
    expect(placement.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    const [seats] = await db.dataSource.query(`SELECT held, confirmed FROM activity WHERE id = $1`, [
      activityId,
    ]);
    expect(seats).toEqual({ held: 2, confirmed: 1 });
    const [event] = await db.dataSource.query(
      `SELECT event_type, event_key, payload FROM outbox_event WHERE aggregate_id = $1`,
      [placement.id],
    );
    expect(event).toMatchObject({
      event_type: 'nl.samenspel.placement.held.v1',
      event_key: placement.youthRef,
    });
    expect(event.payload.data).toMatchObject({ available: 0, reference: 'ref-last-seat' });
  });

  it('holds no seat when the activity is full, and writes neither a placement nor an event', async () => {
    const { activityId } = await anOpenActivity(db, { capacity: 2, held: 1, confirmed: 1 });
    await expect(holdSeat(activityId, 'ref-full')).rejects.toMatchObject({
      kind: 'state-conflict',
      code: 'no-capacity',
    });
    const [placements] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM placement WHERE activity_id = $1`,
      [activityId],
    );
    expect(placements.n).toBe(0);
    expect(await outboxCount(db, activityId)).toBe(0);
  });

  it('refuses an expiry in the past', async () => {
    const { activityId } = await anOpenActivity(db);
    await expect(
      holdSeat(activityId, 'ref-past', { expiresAt: new Date(Date.now() - 1000) }),
    ).rejects.toMatchObject({
      kind: 'invalid-field',
      extensions: { errors: [{ field: 'expiresAt', messages: [expect.any(String)] }] },
    });
  });

  it('lets a team role hold seats of its own team only', async () => {
    const { activityId } = await anOpenActivity(db);
    const otherLead: Principal = { sub: 'x', role: 'team-lead', teamId: 'another-team' };
    await expect(holdSeat(activityId, 'ref-other', { principal: otherLead })).rejects.toMatchObject({
      kind: 'out-of-scope',
    });
  });
});
