import type { Principal } from '@samenspel/http';
import { aYouthRef, type TestDatabase } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import type { ActivityConfig } from '../../../config/activity.config';
import type { RankedCandidate } from '../../../domain/ranking';
import { FindCandidatesCommand } from '../../../matching/usecases/find-candidates/find-candidates.command';
import { FindCandidates } from '../../../matching/usecases/find-candidates/find-candidates.usecase';
import { anActivityDatabase, anOpenActivity, anOutbox, outboxCount } from '../../../../test/medium-test';
import { PlacementsRepository } from '../../placements.repository';
import { HoldPlacement } from '../hold-placement/hold-placement.usecase';
import { HoldBestPlacementCommand } from './hold-best-placement.command';
import { HoldBestPlacement } from './hold-best-placement.usecase';

const service: Principal = { sub: 'bridging', role: 'service' };

describe('HoldBestPlacement against PostgreSQL', () => {
  let db: TestDatabase;
  let findCandidates: FindCandidates;
  let holdPlacement: HoldPlacement;
  let sut: HoldBestPlacement;
  let municipalities = 0;

  beforeAll(async () => {
    db = await anActivityDatabase('activity_hold_best');
    const activities = new ActivitiesRepository();
    const placements = new PlacementsRepository();
    findCandidates = new FindCandidates(db.dataSource, activities);
    holdPlacement = new HoldPlacement(db.dataSource, activities, placements, anOutbox(), {
      PLACEMENT_HOLD_TTL: 'P7D',
    } as ActivityConfig);
    sut = new HoldBestPlacement(db.dataSource, findCandidates, holdPlacement, placements, activities);
  });
  afterAll(async () => db?.drop());

  /** A municipality of its own per test, so that no other test's activities compete. */
  const aMunicipality = () => `GM${String(9000 + ++municipalities)}`;

  async function anActivity(
    municipalityCode: string,
    options: { title: string; themes: string[]; postcode4: string; capacity?: number; held?: number },
  ): Promise<{ teamId: string; activityId: string }> {
    const created = await anOpenActivity(db, { capacity: options.capacity ?? 5, held: options.held ?? 0 });
    await db.dataSource.query(
      `UPDATE activity SET municipality_code = $2, title = $3, themes = $4, postcode4 = $5 WHERE id = $1`,
      [created.activityId, municipalityCode, options.title, options.themes, options.postcode4],
    );
    return created;
  }

  const queryIn = (municipalityCode: string, excludeActivityIds: string[] = []) => ({
    ageYears: 14,
    postcode4: '3562',
    municipalityCode,
    interests: ['music'],
    excludeActivityIds,
  });

  const seats = async (activityId: string) =>
    (await db.dataSource.query(`SELECT held, confirmed FROM activity WHERE id = $1`, [activityId]))[0];

  it('holds a seat in the best-ranked candidate, as the candidates query ranks them', async () => {
    const m = aMunicipality();
    await anActivity(m, { title: 'Voetbal', themes: ['sport'], postcode4: '3562' });
    const music = await anActivity(m, { title: 'Muziekstudio', themes: ['music'], postcode4: '3580' });
    const youthRef = aYouthRef();
    const [ranked] = await findCandidates.execute(
      new FindCandidatesCommand({
        ageYears: 14,
        postcode4: '3562',
        municipalityCode: m,
        interests: ['music'],
      }),
    );

    const result = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef,
        reference: 'ref-best',
      }),
    );

    expect(ranked.activityId).toBe(music.activityId);
    expect(result).toMatchObject({
      placement: { activityId: music.activityId, teamId: music.teamId, youthRef, status: 'held' },
      activity: { activityId: music.activityId, teamId: music.teamId, title: 'Muziekstudio' },
      candidate: { activityId: music.activityId, rank: 1, title: 'Muziekstudio' },
      created: true,
    });
    expect(await seats(music.activityId)).toEqual({ held: 1, confirmed: 0 });
    expect(await outboxCount(db, music.activityId)).toBe(1);
  });

  it('never holds in an excluded activity', async () => {
    const m = aMunicipality();
    const music = await anActivity(m, { title: 'Muziekstudio', themes: ['music'], postcode4: '3562' });
    const sport = await anActivity(m, { title: 'Voetbal', themes: ['sport'], postcode4: '3562' });
    const result = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m, [music.activityId]),
        youthRef: aYouthRef(),
        reference: 'ref-excluded',
      }),
    );
    expect(result).toMatchObject({ placement: { activityId: sport.activityId }, created: true });
    expect(await seats(music.activityId)).toEqual({ held: 0, confirmed: 0 });
  });

  it('returns the placement of a repeated reference, even once that activity is full', async () => {
    const m = aMunicipality();
    const last = await anActivity(m, {
      title: 'Laatste plek',
      themes: ['music'],
      postcode4: '3562',
      capacity: 1,
    });
    const other = await anActivity(m, { title: 'Ander', themes: ['music'], postcode4: '3600' });
    const youthRef = aYouthRef();
    const first = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef,
        reference: 'ref-replay',
      }),
    );
    const again = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef,
        reference: 'ref-replay',
      }),
    );

    expect(first).toMatchObject({ placement: { activityId: last.activityId }, created: true });
    expect(again).toMatchObject({
      placement: { id: first.placement!.id, activityId: last.activityId },
      activity: { activityId: last.activityId, teamId: last.teamId, title: 'Laatste plek' },
      candidate: null,
      created: false,
    });
    expect(await seats(last.activityId)).toEqual({ held: 1, confirmed: 0 });
    expect(await seats(other.activityId)).toEqual({ held: 0, confirmed: 0 });
    expect(await outboxCount(db, last.activityId)).toBe(1);
  });

  it('returns the placement of a repeated reference when no candidate with a free seat is left', async () => {
    const m = aMunicipality();
    const only = await anActivity(m, { title: 'Enige', themes: ['music'], postcode4: '3562', capacity: 1 });
    const youthRef = aYouthRef();
    const first = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef,
        reference: 'ref-alone',
      }),
    );
    const again = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef,
        reference: 'ref-alone',
      }),
    );

    expect(first).toMatchObject({ placement: { activityId: only.activityId }, created: true });
    expect(again).toMatchObject({
      placement: { id: first.placement!.id, activityId: only.activityId },
      activity: { activityId: only.activityId, title: 'Enige' },
      candidate: null,
      created: false,
    });
    expect(await seats(only.activityId)).toEqual({ held: 1, confirmed: 0 });
    expect(await outboxCount(db, only.activityId)).toBe(1);
  });

  it('refuses a reference that holds another youngster’s seat', async () => {
    const m = aMunicipality();
    await anActivity(m, { title: 'Muziekstudio', themes: ['music'], postcode4: '3562' });
    await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef: aYouthRef(),
        reference: 'ref-taken',
      }),
    );
    await expect(
      sut.execute(
        new HoldBestPlacementCommand({
          principal: service,
          query: queryIn(m),
          youthRef: aYouthRef(),
          reference: 'ref-taken',
        }),
      ),
    ).rejects.toMatchObject({ kind: 'state-conflict', code: 'reference-conflict' });
  });

  it('answers no placement, and writes nothing, when no eligible activity has a free seat', async () => {
    const m = aMunicipality();
    const full = await anActivity(m, {
      title: 'Vol',
      themes: ['music'],
      postcode4: '3562',
      capacity: 2,
      held: 2,
    });
    const excluded = await anActivity(m, { title: 'Gehad', themes: ['music'], postcode4: '3562' });
    const result = await sut.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m, [excluded.activityId]),
        youthRef: aYouthRef(),
        reference: randomUUID(),
      }),
    );
    expect(result).toEqual({ placement: null });
    expect(await seats(excluded.activityId)).toEqual({ held: 0, confirmed: 0 });
    expect(await outboxCount(db, full.activityId)).toBe(0);
    expect(await outboxCount(db, excluded.activityId)).toBe(0);
  });

  it('skips a candidate that filled up after it was ranked and holds in the next', async () => {
    const m = aMunicipality();
    const filled = await anActivity(m, {
      title: 'Net vol',
      themes: ['music'],
      postcode4: '3562',
      capacity: 1,
    });
    const next = await anActivity(m, { title: 'Volgende', themes: ['music'], postcode4: '3600' });
    // Ranked while it still had its seat; another youngster takes the seat before the hold.
    const stale: RankedCandidate[] = await findCandidates.execute(
      new FindCandidatesCommand({
        ageYears: 14,
        postcode4: '3562',
        municipalityCode: m,
        interests: ['music'],
      }),
    );
    expect(stale.map((c) => c.activityId)).toEqual([filled.activityId, next.activityId]);
    await db.dataSource.query(`UPDATE activity SET held = 1 WHERE id = $1`, [filled.activityId]);
    const racing = new HoldBestPlacement(
      db.dataSource,
      { execute: async () => stale } as unknown as FindCandidates,
      holdPlacement,
      new PlacementsRepository(),
      new ActivitiesRepository(),
    );
    const result = await racing.execute(
      new HoldBestPlacementCommand({
        principal: service,
        query: queryIn(m),
        youthRef: aYouthRef(),
        reference: 'ref-raced',
      }),
    );
    expect(result).toMatchObject({
      placement: { activityId: next.activityId },
      candidate: { rank: 2 },
      created: true,
    });
  });

  it('lets a team role hold seats of its own team only', async () => {
    const m = aMunicipality();
    await anActivity(m, { title: 'Beter, ander team', themes: ['music'], postcode4: '3562' });
    const own = await anActivity(m, { title: 'Eigen team', themes: ['sport'], postcode4: '3600' });
    const lead: Principal = { sub: 'lead', role: 'team-lead', teamId: own.teamId };
    const result = await sut.execute(
      new HoldBestPlacementCommand({
        principal: lead,
        query: queryIn(m),
        youthRef: aYouthRef(),
        reference: 'ref-team',
      }),
    );
    expect(result).toMatchObject({ placement: { activityId: own.activityId, teamId: own.teamId } });
  });

  it('refuses an expiry in the past, even when there is nothing to hold', async () => {
    await expect(
      sut.execute(
        new HoldBestPlacementCommand({
          principal: service,
          query: queryIn(aMunicipality()),
          youthRef: aYouthRef(),
          reference: 'ref-past',
          expiresAt: new Date(Date.now() - 1000),
        }),
      ),
    ).rejects.toMatchObject({ kind: 'invalid-field' });
  });
});
