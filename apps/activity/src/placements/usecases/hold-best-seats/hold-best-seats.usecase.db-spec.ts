import { DomainError } from '@samenspel/contracts';
import type { Principal } from '@samenspel/http';
import { systemClock } from '@samenspel/clock';
import { unitOfWork, UnitsOfWork } from '@samenspel/messaging';
import { aYouthRef, waitFor, type TestDatabase } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import type { ActivityConfig } from '../../../config/activity.config';
import type { RankedCandidate } from '../../../domain/ranking';
import { FindCandidatesCommand } from '../../../matching/usecases/find-candidates/find-candidates.command';
import { FindCandidates } from '../../../matching/usecases/find-candidates/find-candidates.usecase';
import { anActivityDatabase, anOpenActivity, anOutbox, outboxCount } from '../../../../test/medium-test';
import { PlacementsRepository } from '../../placements.repository';
import { HoldPlacementCommand } from '../hold-placement/hold-placement.command';
import { HoldPlacement } from '../hold-placement/hold-placement.usecase';
import { HoldBestSeatsCommand, type BestSeatRequest } from './hold-best-seats.command';
import { HoldBestSeats, type BestSeatHold } from './hold-best-seats.usecase';

const service: Principal = { sub: 'bridging', role: 'service' };
const config = { PLACEMENT_HOLD_TTL: 'P7D' } as ActivityConfig;

describe('HoldBestSeats against PostgreSQL', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  let findCandidates: FindCandidates;
  let holdPlacement: HoldPlacement;
  let sut: HoldBestSeats;
  let municipalities = 0;

  beforeAll(async () => {
    db = await anActivityDatabase('activity_hold_best');
    units = new UnitsOfWork(db.dataSource, anOutbox());
    findCandidates = new FindCandidates(new ActivitiesRepository());
    holdPlacement = new HoldPlacement(
      new ActivitiesRepository(),
      new PlacementsRepository(),
      config,
      systemClock,
    );
    sut = aHoldBestSeats(findCandidates);
  });
  afterAll(async () => db?.drop());

  const aHoldBestSeats = (ranking: FindCandidates) =>
    new HoldBestSeats(
      db.dataSource,
      anOutbox(),
      units,
      ranking,
      holdPlacement,
      new PlacementsRepository(),
      new ActivitiesRepository(),
      config,
      pino({ level: 'silent' }),
      systemClock,
    );

  /** As `POST /placements/hold-best` asks it: a batch of one, whose refusal is thrown. */
  async function holdBestWith(
    useCase: HoldBestSeats,
    principal: Principal,
    youngster: BestSeatRequest,
  ): Promise<BestSeatHold> {
    const [result] = await useCase.execute(new HoldBestSeatsCommand({ principal, youngsters: [youngster] }));
    if ('refused' in result!) throw result.refused;
    return result!;
  }
  const holdBest = (principal: Principal, youngster: BestSeatRequest) =>
    holdBestWith(sut, principal, youngster);

  const rank = (command: FindCandidatesCommand) => units.run((uow) => findCandidates.execute(command, uow));

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

  describe('for one youngster, as POST /placements/hold-best', () => {
    it('holds a seat in the best-ranked candidate, as the candidates query ranks them', async () => {
      const m = aMunicipality();
      await anActivity(m, { title: 'Voetbal', themes: ['sport'], postcode4: '3562' });
      const music = await anActivity(m, { title: 'Muziekstudio', themes: ['music'], postcode4: '3580' });
      const youthRef = aYouthRef();
      const [ranked] = await rank(
        new FindCandidatesCommand({
          ageYears: 14,
          postcode4: '3562',
          municipalityCode: m,
          interests: ['music'],
        }),
      );

      const result = await holdBest(service, { query: queryIn(m), youthRef, reference: 'ref-best' });

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
      const result = await holdBest(service, {
        query: queryIn(m, [music.activityId]),
        youthRef: aYouthRef(),
        reference: 'ref-excluded',
      });
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
      const first = await holdBest(service, { query: queryIn(m), youthRef, reference: 'ref-replay' });
      const again = await holdBest(service, { query: queryIn(m), youthRef, reference: 'ref-replay' });

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
      const first = await holdBest(service, { query: queryIn(m), youthRef, reference: 'ref-alone' });
      const again = await holdBest(service, { query: queryIn(m), youthRef, reference: 'ref-alone' });

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
      await holdBest(service, { query: queryIn(m), youthRef: aYouthRef(), reference: 'ref-taken' });
      await expect(
        holdBest(service, { query: queryIn(m), youthRef: aYouthRef(), reference: 'ref-taken' }),
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
      const result = await holdBest(service, {
        query: queryIn(m, [excluded.activityId]),
        youthRef: aYouthRef(),
        reference: randomUUID(),
      });
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
      const stale: RankedCandidate[] = await rank(
        new FindCandidatesCommand({
          ageYears: 14,
          postcode4: '3562',
          municipalityCode: m,
          interests: ['music'],
        }),
      );
      expect(stale.map((c) => c.activityId)).toEqual([filled.activityId, next.activityId]);
      await db.dataSource.query(`UPDATE activity SET held = 1 WHERE id = $1`, [filled.activityId]);
      const racing = aHoldBestSeats({ execute: async () => stale } as unknown as FindCandidates);
      const result = await holdBestWith(racing, service, {
        query: queryIn(m),
        youthRef: aYouthRef(),
        reference: 'ref-raced',
      });
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
      const result = await holdBest(lead, {
        query: queryIn(m),
        youthRef: aYouthRef(),
        reference: 'ref-team',
      });
      expect(result).toMatchObject({ placement: { activityId: own.activityId, teamId: own.teamId } });
    });

    it('refuses an expiry in the past, even when there is nothing to hold', async () => {
      await expect(
        holdBest(service, {
          query: queryIn(aMunicipality()),
          youthRef: aYouthRef(),
          reference: 'ref-past',
          expiresAt: new Date(Date.now() - 1000),
        }),
      ).rejects.toMatchObject({ kind: 'invalid-field' });
    });
  });

  describe('for a batch, in order, in one transaction', () => {
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

    const aYoungster = (
      municipalityCode: string,
      reference: string = randomUUID(),
      youthRef = aYouthRef(),
    ): BestSeatRequest => ({
      query: { ageYears: 14, postcode4: '3562', municipalityCode, interests: ['sport'] },
      youthRef,
      reference,
    });

    const holdInOrder = (youngsters: BestSeatRequest[]) =>
      sut.execute(new HoldBestSeatsCommand({ principal: service, youngsters }));

    it('serves the youngsters in the order given: with two seats left, the first two get them', async () => {
      const m = aMunicipality();
      const { activityId } = await anActivityIn(m, 2);
      const batch = [aYoungster(m), aYoungster(m), aYoungster(m)];

      const results = await holdInOrder(batch);

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
      const [taken] = await holdInOrder([aYoungster(m)]);
      const reference = (taken as { placement: { reference: string } }).placement.reference;
      // Another youngster's reference: a client bug, answered with a 409 reference-conflict.
      const batch = [aYoungster(m), aYoungster(m, reference), aYoungster(m)];

      const results = await holdInOrder(batch);

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

      const first = await holdInOrder(batch);
      const again = await holdInOrder(batch);

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
      const earlier = await holdPlacement.execute(
        new HoldPlacementCommand({
          principal: service,
          activityId: elsewhere.activityId,
          youthRef,
          reference,
          expiresAt: new Date(Date.now() + 3600_000),
        }),
        unitOfWork(concurrent.manager, anOutbox()),
      );
      const batch = [aYoungster(m), aYoungster(m, reference, youthRef), aYoungster(m)];

      const pending = holdInOrder(batch);
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
});
