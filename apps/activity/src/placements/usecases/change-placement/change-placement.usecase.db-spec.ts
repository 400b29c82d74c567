import type { Principal } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import {
  aPlacement,
  anActivityDatabase,
  anOpenActivity,
  anOutbox,
  outboxCount,
} from '../../../../test/medium-test';
import { PlacementsRepository } from '../../placements.repository';
import { ChangePlacementCommand } from './change-placement.command';
import { ChangePlacement } from './change-placement.usecase';

const service: Principal = { sub: 'bridging', role: 'service' };

describe('ChangePlacement against PostgreSQL', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  let sut: ChangePlacement;
  /** As its HTTP entry point runs it: in a unit of work of its own. */
  const change = (command: ChangePlacementCommand) => units.run((uow) => sut.execute(command, uow));

  beforeAll(async () => {
    db = await anActivityDatabase('activity_change');
    units = new UnitsOfWork(db.dataSource, anOutbox());
    sut = new ChangePlacement(new ActivitiesRepository(), new PlacementsRepository(), systemClock);
  });
  afterAll(async () => db?.drop());

  it('refuses to confirm a hold whose time ran out before the sweeper came, and changes nothing', async () => {
    const at = await anOpenActivity(db, { capacity: 5, held: 1 });
    const id = await aPlacement(db, at, 'held', new Date(Date.now() - 60000));
    await expect(
      change(new ChangePlacementCommand({ principal: service, placementId: id, change: 'confirm' })),
    ).rejects.toMatchObject({
      kind: 'state-conflict',
      code: 'hold-expired',
    });
    const [row] = await db.dataSource.query(`SELECT status FROM placement WHERE id = $1`, [id]);
    expect(row.status).toBe('held');
    expect(await outboxCount(db, at.activityId)).toBe(0);
  });

  it('moves a confirmed seat back to free on cancel, with the freed seat in its event', async () => {
    const at = await anOpenActivity(db, { capacity: 1, confirmed: 1 });
    const id = await aPlacement(db, at, 'confirmed', null);
    const cancelled = await change(
      new ChangePlacementCommand({
        principal: service,
        placementId: id,
        change: 'cancel',
        reason: 'youngster-withdrew',
      }),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'youngster-withdrew' });
    const [seats] = await db.dataSource.query(`SELECT held, confirmed FROM activity WHERE id = $1`, [
      at.activityId,
    ]);
    expect(seats).toEqual({ held: 0, confirmed: 0 });
    const [event] = await db.dataSource.query(
      `SELECT event_type, payload FROM outbox_event WHERE aggregate_id = $1`,
      [id],
    );
    expect(event).toMatchObject({ event_type: 'nl.samenspel.placement.cancelled.v1' });
    expect(event.payload.data).toMatchObject({ available: 1, reason: 'youngster-withdrew' });
  });
});
