import { aYouthRef, startService, waitFor, type ServiceUnderTest } from '@samenspel/testing';
import { queryDatabase } from '../../../test/privacy/database-scan';
import { ActivityApi, aMunicipalityCode } from './activity-harness';

/**
 * Retention with a short period (PT1S instead of the default P2Y) and a fast sweeper: a placement
 * that ended is anonymised once its period passed, an active one is left alone, and the seat
 * counters do not move.
 */
describe('retention in the activity service', () => {
  let sut: ServiceUnderTest;
  let api: ActivityApi;

  beforeAll(async () => {
    sut = await startService('activity', {
      env: { RETENTION_PLACEMENT: 'PT1S', RETENTION_SWEEP_INTERVAL_MS: '200' },
    });
    api = new ActivityApi(sut);
  }, 90000);

  afterAll(async () => {
    await sut?.dispose();
  });

  it('anonymises a placement that ended longer ago than the retention period, and only that one', async () => {
    const municipalityCode = aMunicipalityCode();
    const teamId = await api.aTeam([municipalityCode]);
    const activityId = await api.anActivity(teamId, { capacity: 3, municipalityCode });
    const [ended, active] = [aYouthRef(), aYouthRef()];
    const endedHold = await api.hold(activityId, ended);
    const activeHold = await api.hold(activityId, active);
    expect([endedHold.status, activeHold.status]).toEqual([201, 201]);
    const released = await api.call(
      'POST',
      `/placements/${endedHold.body.id}/release`,
      { reason: 'test' },
      {
        role: 'service',
      },
    );
    expect(released.status).toBe(200);

    const anonymised = await waitFor(
      async () => {
        const [row] = await queryDatabase<{ youth_ref: string }>(
          sut.databaseName,
          `SELECT youth_ref FROM placement WHERE id = $1`,
          [endedHold.body.id],
        );
        return row.youth_ref !== ended ? row : undefined;
      },
      { timeoutMs: 15000, intervalMs: 100, description: 'the ended placement anonymised' },
    );

    expect(anonymised.youth_ref).toMatch(/^erased_[0-9a-f]{16}$/);
    const [stillActive] = await queryDatabase<{ youth_ref: string; status: string }>(
      sut.databaseName,
      `SELECT youth_ref, status FROM placement WHERE id = $1`,
      [activeHold.body.id],
    );
    expect(stillActive).toEqual({ youth_ref: active, status: 'held' });
    // 3 seats: one held by the active placement, the released one freed: 2 available.
    expect(await api.capacity(activityId)).toMatchObject({
      capacity: 3,
      held: 1,
      confirmed: 0,
      available: 2,
    });
  }, 60000);
});
