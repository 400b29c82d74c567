import { samenspelContracts } from '@samenspel/contracts';
import { MetricsRegistry } from '@samenspel/http';
import {
  InboxEventEntity,
  MessagingCore1764201600000,
  Outbox,
  OutboxEventEntity,
  UnitsOfWork,
  type NewEvent,
} from '@samenspel/messaging';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import type { EntityManager } from 'typeorm';
import {
  ActivityCatalogPort,
  ActivityUnavailableError,
  type HoldOutcome,
  type PlacementRef,
  type SeatRequest,
} from '../activity-catalog/activity-catalog.port';
import { KnownActivitiesRepository } from '../activity-catalog/known-activities.repository';
import { KnownActivity } from '../activity-catalog/known-activity.entity';
import { BridgingConfig } from '../config/bridging.config';
import { offerIdFor } from '../domain/offer-id';
import { BridgingSchema1764806500000 } from '../migrations/1764806500000-bridging-schema';
import { BridgingOffer } from '../offers/bridging-offer.entity';
import { OffersRepository } from '../offers/offers.repository';
import { BridgingMetrics } from '../waitlist-entries/bridging.metrics';
import { WaitlistEntriesRepository } from '../waitlist-entries/waitlist-entries.repository';
import { receivedEntryState, WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';
import { Matcher, type EntryWithOffers } from './matcher';
import { MatcherSignal } from './matcher.signal';
import { RecordMatch } from './usecases/record-match/record-match.usecase';

/** An activity service in memory: seats per activity, holds idempotent on their reference. */
class CatalogueDouble extends ActivityCatalogPort {
  readonly holds = new Map<string, PlacementRef & { youthRef: string }>();
  holdCalls = 0;
  readonly holdBestCalls: SeatRequest[] = [];
  readonly holdBestAllCalls: string[][] = [];
  constructor(private readonly seats: Map<string, number>) {
    super();
  }
  async holdBestAll(requests: readonly SeatRequest[]): Promise<Array<HoldOutcome | Error>> {
    this.holdBestAllCalls.push(requests.map((r) => r.youthRef));
    const results: Array<HoldOutcome | Error> = [];
    for (const request of requests) results.push(this.holdBest(request));
    return results;
  }
  async confirm(placementId: string): Promise<PlacementRef> {
    return { placementId, activityId: 'unused' };
  }
  async release(): Promise<void> {}
  /** As the activity service: a known reference returns its placement, else the best candidate with room. */
  private holdBest(request: SeatRequest): HoldOutcome {
    this.holdBestCalls.push(request);
    const earlier = this.holds.get(request.reference);
    if (earlier) return { held: earlier, activity: this.activityOf(earlier.activityId) };
    const excluded = request.query.excludeActivityIds ?? [];
    for (const [activityId, free] of this.seats) {
      if (free > 0 && !excluded.includes(activityId)) {
        return { held: this.hold(request, activityId), activity: this.activityOf(activityId) };
      }
    }
    return { held: null };
  }
  private hold(request: SeatRequest, activityId: string): PlacementRef {
    this.holdCalls += 1;
    this.seats.set(activityId, this.seats.get(activityId)! - 1);
    const placement = {
      placementId: `placement-${this.holds.size + 1}`,
      activityId,
      teamId: 'team-1',
      expiresAt: request.expiresAt,
      youthRef: request.youthRef,
    };
    this.holds.set(request.reference, placement);
    return placement;
  }
  private activityOf(activityId: string) {
    return { activityId, teamId: 'team-1', title: `Activity ${activityId}` };
  }
}

/**
 * An outbox whose first appends fail, as transactions that die after the hold succeeded: two for
 * a whole round, the batch's transaction and the redo of its one entry alone.
 */
class OutboxFailingFirst extends Outbox {
  failures = 2;
  override async append(em: EntityManager, events: NewEvent[]) {
    if (this.failures-- > 0) throw new Error('the database went away mid-transaction');
    return super.append(em, events);
  }
}

/** An outbox that cannot take one youngster's events, as a transaction that fails for that entry. */
class OutboxRefusing extends Outbox {
  appends = 0;
  constructor(private readonly youthRef: string) {
    super('urn:samenspel:waitlist-bridging', samenspelContracts());
  }
  override async append(em: EntityManager, events: NewEvent[]) {
    this.appends += 1;
    if (events.some((e) => e.key === this.youthRef))
      throw new Error('the database went away mid-transaction');
    return super.append(em, events);
  }
}

describe('matching a batch (Matcher and RecordMatch against real PostgreSQL)', () => {
  let db: TestDatabase;
  const entries = new WaitlistEntriesRepository();
  const bridgingOffers = new OffersRepository();
  const config = Object.assign(new BridgingConfig(), { BRIDGING_OFFER_TTL: 'P7D' });

  beforeAll(async () => {
    db = await createTestDatabase('bridging_match', {
      entities: [WaitlistEntry, BridgingOffer, KnownActivity, OutboxEventEntity, InboxEventEntity],
      migrations: [MessagingCore1764201600000, BridgingSchema1764806500000],
    });
  });
  afterAll(async () => db?.drop());

  async function anEntryMatching(id: string): Promise<void> {
    const now = new Date();
    await entries.insert(
      db.dataSource.manager,
      Object.assign(new WaitlistEntry(), {
        waitlistEntryId: id,
        youthRef: `yr_${id
          .replace(/[^a-z0-9]/gi, '')
          .slice(-10)
          .padStart(8, '0')}`,
        source: 'urn:jeugdzorg:intake:test',
        ageYears: 15,
        postcode4: '3581',
        municipalityCode: 'GM0344',
        careCategory: 'jeugdhulp-ambulant',
        expectedWaitWeeks: 12,
        interests: ['music'],
        consent: { youthWork: true, givenBy: 'youth-and-guardian' as const },
        status: 'matching' as const,
        enteredAt: now,
        ...receivedEntryState(now),
      }),
    );
  }

  /** What the matcher reads for its batch before it matches: the entry and its offers. */
  async function asRead(id: string): Promise<EntryWithOffers> {
    return {
      entry: (await entries.find(db.dataSource.manager, id))!,
      offers: await bridgingOffers.ofEntry(db.dataSource.manager, id),
    };
  }

  function sut(catalog: ActivityCatalogPort, outbox: Outbox): Matcher {
    return new Matcher(
      db.dataSource,
      outbox,
      new UnitsOfWork(db.dataSource, outbox),
      catalog,
      new RecordMatch(
        entries,
        bridgingOffers,
        new KnownActivitiesRepository(),
        new MatcherSignal(),
        systemClock,
      ),
      new BridgingMetrics(new MetricsRegistry(), db.dataSource),
      config,
      systemClock,
    );
  }

  it('reuses the seat it held when the transaction recording the offer failed, so no seat leaks', async () => {
    const id = `TST-WL-${Date.now()}-retry`;
    await anEntryMatching(id);
    const catalog = new CatalogueDouble(
      new Map([
        ['act-a', 1],
        ['act-b', 5],
      ]),
    );
    const match = sut(
      catalog,
      new OutboxFailingFirst('urn:samenspel:waitlist-bridging', samenspelContracts()),
    );

    expect(await match.matchInOrder([await asRead(id)])).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/went away/) }),
    ]);
    const afterFailure = await entries.find(db.dataSource.manager, id);
    expect(afterFailure?.status).toBe('matching');

    // act-a is now full (our own hold): the retry still ends on the same placement, by its reference.
    expect(await match.matchInOrder([await asRead(id)])).toEqual(['offered']);
    const offers = await bridgingOffers.ofEntry(db.dataSource.manager, id);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      offerId: offerIdFor(id, 1),
      activityId: 'act-a',
      placementId: 'placement-1',
      status: 'open',
    });
    expect(catalog.holds.size).toBe(1);
    // One call per attempt, both with the same offer id as the reference.
    expect(catalog.holdBestCalls.map((c) => c.reference)).toEqual([offerIdFor(id, 1), offerIdFor(id, 1)]);
  });

  it("matches a municipality's youngsters with one call, oldest first, each with an outcome of its own", async () => {
    const [first, second, gone] = ['first', 'second', 'gone'].map((n) => `TST-WL-${Date.now()}-all-${n}`);
    await anEntryMatching(first!);
    await anEntryMatching(second!);
    await anEntryMatching(gone!);
    await db.dataSource.query(`UPDATE waitlist_entry SET status = 'ended' WHERE waitlist_entry_id = $1`, [
      gone,
    ]);
    const catalog = new CatalogueDouble(new Map([['act-one-seat', 1]]));
    const match = sut(catalog, new Outbox('urn:samenspel:waitlist-bridging', samenspelContracts()));

    const outcomes = await match.matchInOrder([
      await asRead(first!),
      await asRead(second!),
      await asRead(gone!),
    ]);

    // The oldest gets the one seat, the next is queued, an entry no longer matching is skipped.
    expect(outcomes).toEqual(['offered', 'queued', 'skipped']);
    expect(catalog.holdBestAllCalls).toEqual([
      [
        (await entries.find(db.dataSource.manager, first!))!.youthRef,
        (await entries.find(db.dataSource.manager, second!))!.youthRef,
      ],
    ]);
    expect(catalog.holdBestCalls.map((c) => c.reference)).toEqual([
      offerIdFor(first!, 1),
      offerIdFor(second!, 1),
    ]);
    expect((await bridgingOffers.ofEntry(db.dataSource.manager, first!)).map((o) => o.activityId)).toEqual([
      'act-one-seat',
    ]);
    expect((await entries.find(db.dataSource.manager, second!))?.status).toBe('queued');
  });

  it('leaves each youngster of the call to be retried when the activity service cannot be asked, and records the rest', async () => {
    const [failing, held] = ['failing', 'held'].map((n) => `TST-WL-${Date.now()}-partial-${n}`);
    await anEntryMatching(failing!);
    await anEntryMatching(held!);
    const away = new (class extends CatalogueDouble {
      override async holdBestAll(): Promise<Array<HoldOutcome | Error>> {
        throw new ActivityUnavailableError('activity service unreachable');
      }
    })(new Map([['act-a', 5]]));
    const recordingFails = new OutboxRefusing(
      (await entries.find(db.dataSource.manager, failing!))!.youthRef,
    );

    const unreachable = await sut(away, recordingFails).matchInOrder([await asRead(failing!)]);
    expect(unreachable).toEqual([expect.any(ActivityUnavailableError)]);
    expect((await entries.find(db.dataSource.manager, failing!))?.status).toBe('matching');

    // The call's results are recorded in one transaction; when that fails, each is recorded on
    // its own: the one whose offer cannot be recorded fails alone, the next of the call is offered.
    const catalog = new CatalogueDouble(new Map([['act-a', 5]]));
    const outcomes = await sut(catalog, recordingFails).matchInOrder([
      await asRead(failing!),
      await asRead(held!),
    ]);
    expect(outcomes).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/went away/) }),
      'offered',
    ]);
    expect(recordingFails.appends).toBe(3);
    expect((await entries.find(db.dataSource.manager, failing!))?.status).toBe('matching');
    expect((await entries.find(db.dataSource.manager, held!))?.status).toBe('offered');
  });

  it('never offers an activity twice: the next offer excludes every activity offered before', async () => {
    const id = `TST-WL-${Date.now()}-again`;
    await anEntryMatching(id);
    const now = new Date();
    await bridgingOffers.insert(
      db.dataSource.manager,
      Object.assign(new BridgingOffer(), {
        offerId: offerIdFor(id, 1),
        waitlistEntryId: id,
        rank: 1,
        activityId: 'act-a',
        teamId: 'team-1',
        activityTitle: 'Activity act-a',
        placementId: 'placement-earlier',
        status: 'declined',
        expiresAt: now,
        offeredAt: now,
        decidedAt: now,
        reason: 'offer-declined',
        releasePending: false,
      } satisfies BridgingOffer),
    );
    const catalog = new CatalogueDouble(
      new Map([
        ['act-a', 5],
        ['act-b', 5],
      ]),
    );
    const match = sut(catalog, new Outbox('urn:samenspel:waitlist-bridging', samenspelContracts()));
    expect(await match.matchInOrder([await asRead(id)])).toEqual(['offered']);
    expect(catalog.holdBestCalls).toEqual([
      expect.objectContaining({
        query: expect.objectContaining({ excludeActivityIds: ['act-a'], municipalityCode: 'GM0344' }),
        reference: offerIdFor(id, 2),
      }),
    ]);
    const offers = await bridgingOffers.ofEntry(db.dataSource.manager, id);
    expect(offers.map((o) => [o.rank, o.activityId, o.status])).toEqual([
      [1, 'act-a', 'declined'],
      [2, 'act-b', 'open'],
    ]);
    expect(offers[1].activityTitle).toBe('Activity act-b');
  });

  it('queues the youngster when every candidate is full', async () => {
    const id = `TST-WL-${Date.now()}-full`;
    await anEntryMatching(id);
    const catalog = new CatalogueDouble(new Map([['act-full', 0]]));
    const match = sut(catalog, new Outbox('urn:samenspel:waitlist-bridging', samenspelContracts()));
    expect(await match.matchInOrder([await asRead(id)])).toEqual(['queued']);
    expect((await entries.find(db.dataSource.manager, id))?.queuedNotified).toBe(true);
  });

  it('leaves an entry that is no longer matching alone', async () => {
    const id = `TST-WL-${Date.now()}-gone`;
    await anEntryMatching(id);
    await db.dataSource.query(`UPDATE waitlist_entry SET status = 'ended' WHERE waitlist_entry_id = $1`, [
      id,
    ]);
    const catalog = new CatalogueDouble(new Map([['act-a', 3]]));
    const match = sut(catalog, new Outbox('urn:samenspel:waitlist-bridging', samenspelContracts()));
    expect(await match.matchInOrder([await asRead(id)])).toEqual(['skipped']);
    expect(catalog.holdCalls).toBe(0);
    expect(catalog.holdBestCalls).toEqual([]);
  });

  it('gives the seat back, and matches again, a youngster who moved to another municipality during the match', async () => {
    const id = `TST-WL-${Date.now()}-moved`;
    await anEntryMatching(id);
    // As the matcher reads a batch: the entry and its offers, before any of its matches run.
    const read = await asRead(id);
    // Meanwhile an `updated` event moved the youngster (still `matching`: no offer was made yet).
    await db.dataSource.query(
      `UPDATE waitlist_entry SET municipality_code = 'GM0363', updated_at = now() WHERE waitlist_entry_id = $1`,
      [id],
    );
    const catalog = new CatalogueDouble(new Map([['act-utrecht', 3]]));
    const match = sut(catalog, new Outbox('urn:samenspel:waitlist-bridging', samenspelContracts()));

    expect(await match.matchInOrder([read])).toEqual(['overtaken']);

    expect(catalog.holdBestCalls).toEqual([
      expect.objectContaining({ query: expect.objectContaining({ municipalityCode: 'GM0344' }) }),
    ]);
    const offers = await bridgingOffers.ofEntry(db.dataSource.manager, id);
    expect(offers.map((o) => [o.activityId, o.status, o.reason, o.releasePending])).toEqual([
      ['act-utrecht', 'withdrawn', 'profile-changed', true],
    ]);
    expect(await entries.find(db.dataSource.manager, id)).toMatchObject({
      status: 'matching',
      municipalityCode: 'GM0363',
    });
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1`,
      [id],
    );
    expect(n).toBe(0); // nothing was offered
  });

  it('gives the seat back when the entry ended after the matcher read its batch', async () => {
    const id = `TST-WL-${Date.now()}-stale`;
    await anEntryMatching(id);
    const read = await asRead(id);
    await db.dataSource.query(`UPDATE waitlist_entry SET status = 'ended' WHERE waitlist_entry_id = $1`, [
      id,
    ]);
    const catalog = new CatalogueDouble(new Map([['act-a', 3]]));
    const match = sut(catalog, new Outbox('urn:samenspel:waitlist-bridging', samenspelContracts()));

    expect(await match.matchInOrder([read])).toEqual(['overtaken']);

    const offers = await bridgingOffers.ofEntry(db.dataSource.manager, id);
    expect(offers.map((o) => [o.status, o.reason, o.releasePending])).toEqual([
      ['withdrawn', 'overtaken', true],
    ]);
    expect((await entries.find(db.dataSource.manager, id))?.status).toBe('ended');
  });
});
