import { randomBytes, randomUUID } from 'node:crypto';
import {
  REFERRAL_EVENT_TYPES,
  samenspelContracts,
  type CareReferralRequestedData,
  type CloudEvent,
} from '@samenspel/contracts';
import { MetricsRegistry } from '@samenspel/http';
import {
  encodeStructured,
  EventProcessor,
  MessagingCore1764201600000,
  Outbox,
  UnitsOfWork,
  type BatchControl,
  type EventHandler,
  type IncomingMessage,
  type OutgoingMessage,
  type Outcome,
} from '@samenspel/messaging';
import { NoteCipher } from '@samenspel/persistence';
import { aUniqueName, aYouthRef, createTestDatabase, waitFor, type TestDatabase } from '@samenspel/testing';
import { systemClock } from '@samenspel/clock';
import pino from 'pino';
import { Referrals1764806400000 } from '../src/migrations/1764806400000-referrals';
import { ReferralEventsController } from '../src/referrals/referral-events.controller';
import { ReferralEntity, ReferralStatusChangeEntity } from '../src/referrals/referral.entity';
import { ReferralMetrics } from '../src/referrals/referral-metrics';
import { ReferralsRepository } from '../src/referrals/referrals.repository';
import { CreateReferralCommand } from '../src/referrals/usecases/create-referral/create-referral.command';
import { CreateReferral } from '../src/referrals/usecases/create-referral/create-referral.usecase';
import { TransitionReferral } from '../src/referrals/usecases/transition-referral/transition-referral.usecase';
import { TeamEntity } from '../src/teams/team.entity';
import { TeamsRepository } from '../src/teams/teams.repository';

const contracts = samenspelContracts();
const TYPE = REFERRAL_EVENT_TYPES.careReferralRequested;
const TOPIC = contracts.get(TYPE)!.topic;
const DEADLOCK = '40P01';

interface Gate {
  promise: Promise<void>;
  open(): void;
}
function aGate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Two referral instances, each applying a run of events of its own partition in one transaction,
 * routing referrals in two municipalities in opposite orders: run A routes in X then Y, run B in Y
 * then X. The handlers of both runs' first events hold their municipality's routing lock and wait
 * for each other, so the second events are certain to ask for the lock the other run holds: the
 * interleaving that made PostgreSQL break a deadlock. The EventProcessor and the referral handler
 * are the real ones, on a real database; only the broker is replaced by the batches it would hand over.
 */
describe('routing referrals from two partitions at once', () => {
  let db: TestDatabase;
  let createReferral: CreateReferral;
  let controller: ReferralEventsController;
  let outbox: Outbox;
  let units: UnitsOfWork;
  const teams = new TeamsRepository();
  // Fresh codes for this file's database: a random base, one more for each municipality.
  let nextMunicipality = 1000 + Math.floor(Math.random() * 8000);

  beforeAll(async () => {
    db = await createTestDatabase('referral_routing_lock', {
      entities: [ReferralEntity, ReferralStatusChangeEntity, TeamEntity],
      migrations: [MessagingCore1764201600000, Referrals1764806400000],
    });
    outbox = new Outbox('urn:samenspel:referral', contracts);
    const referrals = new ReferralsRepository();
    const cipher = new NoteCipher({ id: 'k1', key: randomBytes(32) });
    const metrics = new ReferralMetrics(new MetricsRegistry());
    units = new UnitsOfWork(db.dataSource, outbox);
    createReferral = new CreateReferral(referrals, teams, cipher, metrics, systemClock);
    const transition = new TransitionReferral(referrals, cipher, metrics, systemClock);
    const quiet = pino({ level: 'silent' });
    controller = new ReferralEventsController(createReferral, transition, referrals, metrics, [], quiet);
  }, 60000);

  afterAll(async () => db?.drop());

  /** A fresh municipality served by two fresh teams, returned with the teams in tie-break order. */
  async function aMunicipality(): Promise<{ code: string; teams: [string, string] }> {
    const code = `GM${nextMunicipality++}`;
    const pair = [aUniqueName('team_1'), aUniqueName('team_2')].sort() as [string, string];
    for (const teamId of pair) {
      await teams.upsert(db.dataSource.manager, {
        teamId,
        name: teamId,
        organisation: 'jw',
        municipalityCodes: [code],
      });
    }
    return { code, teams: pair };
  }

  function requested(code: string): CareReferralRequestedData {
    return {
      youthRef: aYouthRef(),
      ageYears: 16,
      postcode4: '3511',
      municipalityCode: code,
      referralId: aUniqueName('jz-test:ref'),
      reason: 'social-network',
      interests: ['gamen'],
      consent: { youthWork: true, givenBy: 'youth', givenAt: '2026-11-01T09:00:00Z' },
      requestedBy: { organisation: 'Jeugdhulp Test', role: 'jeugdhulpverlener' },
    };
  }

  function message(partition: number, offset: number, data: CareReferralRequestedData): IncomingMessage {
    const event: CloudEvent<CareReferralRequestedData> = {
      specversion: '1.0',
      id: randomUUID(),
      source: 'urn:jeugdzorg:intake:test',
      type: TYPE,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    };
    const { value, headers } = encodeStructured(event);
    return {
      topic: TOPIC,
      partition,
      offset: String(offset),
      key: Buffer.from(data.youthRef),
      value: Buffer.from(value),
      headers,
      timestamp: String(Date.now()),
    };
  }

  function aControl(): BatchControl & { handled: string[] } {
    const handled: string[] = [];
    return {
      handled,
      markHandled: (m) => void handled.push(m.offset),
      commit: async () => undefined,
      heartbeat: async () => undefined,
      shouldContinue: () => true,
    };
  }

  /**
   * Both runs' first events hold their routing lock, then wait until both do and `release` opens;
   * later attempts of the same events (one by one) pass straight through.
   */
  function theOppositeOrderHarness(apply: EventHandler) {
    const errors: unknown[] = [];
    const firstOf = new Map<string, Gate>();
    const release = aGate();
    const bothHoldTheirFirstLock = (ids: string[]) => {
      for (const id of ids) firstOf.set(id, aGate());
      return Promise.all(ids.map((id) => firstOf.get(id)!.promise));
    };
    const handler: EventHandler = async (event, ctx) => {
      try {
        await apply(event, ctx);
      } catch (error) {
        errors.push(error);
        throw error;
      }
      const gate = firstOf.get(event.id);
      if (gate) {
        firstOf.delete(event.id);
        gate.open();
        await release.promise;
      }
    };
    return { handler, errors, release, bothHoldTheirFirstLock };
  }

  function aProcessor(handler: EventHandler) {
    const lines: { level: number; msg: string; err?: { code?: string } }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const deadLetters: OutgoingMessage[] = [];
    const outcomes: Outcome[] = [];
    const processor = new EventProcessor({
      consumer: 'samenspel-referral-test',
      dataSource: db.dataSource,
      contracts,
      handlers: new Map([[TYPE, handler]]),
      outbox,
      producer: { send: async (m) => void deadLetters.push(...m), disconnect: async () => undefined },
      logger,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      onOutcome: (outcome) => void outcomes.push(outcome),
    });
    return { processor, lines, deadLetters, outcomes };
  }

  /** What POST /referrals hands the use case, in a unit of work of its own. */
  function aPostedReferral(code: string): CreateReferralCommand {
    const { youthRef, ageYears, postcode4, consent } = requested(code);
    return new CreateReferralCommand({
      origin: 'api',
      direction: 'care-to-youth-work',
      phase: 'during',
      youthRef,
      ageYears,
      postcode4,
      municipalityCode: code,
      reason: 'social-network',
      themes: ['gamen'],
      consent,
      referredBy: { organisation: 'Jeugdhulp Test', role: 'jeugdhulpverlener' },
      actor: { role: 'care-worker', ref: 'worker-1' },
    });
  }

  const eventIdOf = (m: IncomingMessage) => JSON.parse(m.value!.toString()).id as string;

  /** The routed teams of a municipality in routing order (outbox position: one decision at a time). */
  async function routedTeams(code: string): Promise<string[]> {
    const rows: { team: string }[] = await db.dataSource.query(
      `SELECT payload->'data'->>'receivingTeamId' AS team FROM outbox_event
        WHERE event_type = $1 AND payload->'data'->>'municipalityCode' = $2 ORDER BY position`,
      [REFERRAL_EVENT_TYPES.created, code],
    );
    return rows.map((r) => r.team);
  }

  async function advisoryLockWaiters(): Promise<number> {
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    return n;
  }

  it('routes every referral once, one decision at a time per municipality, without a deadlock', async () => {
    const [x, y] = [await aMunicipality(), await aMunicipality()];
    const runA = [x, y, x, y].map((m, i) => message(0, i, requested(m.code)));
    const runB = [y, x, y, x].map((m, i) => message(1, i, requested(m.code)));
    const harness = theOppositeOrderHarness((event, ctx) =>
      controller.onCareReferralRequested(event as CloudEvent<CareReferralRequestedData>, ctx),
    );
    const { processor, lines, deadLetters, outcomes } = aProcessor(harness.handler);
    const [controlA, controlB] = [aControl(), aControl()];

    const firstLocksHeld = harness.bothHoldTheirFirstLock([eventIdOf(runA[0]), eventIdOf(runB[0])]);
    const runs = Promise.all([
      processor.processBatch({ topic: TOPIC, partition: 0, messages: runA }, controlA),
      processor.processBatch({ topic: TOPIC, partition: 1, messages: runB }, controlB),
    ]);
    await firstLocksHeld;
    // Meanwhile POST /referrals in both municipalities: each in its own transaction, which waits.
    const viaHttp = [x, y].map((m) =>
      units.run((uow) => createReferral.execute(aPostedReferral(m.code), uow)),
    );
    await waitFor(async () => (await advisoryLockWaiters()) === 2, {
      description: 'both POST /referrals waiting for their municipality',
    });
    harness.release.open();
    await runs;
    const http = await Promise.all(viaHttp);

    expect(harness.errors.filter((e) => (e as { code?: string }).code === DEADLOCK)).toEqual([]);
    expect(lines.filter((l) => JSON.stringify(l).includes('deadlock'))).toEqual([]);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]); // nothing at warn or error
    // The runs gave up their transaction rather than wait, and were redone one event at a time.
    expect(lines.map((l) => l.msg)).toContain(
      'a lock is held by another transaction; applying the batch one by one',
    );
    expect(deadLetters).toEqual([]);
    expect(outcomes).toEqual(Array(8).fill('applied'));
    expect(controlA.handled).toEqual(['0', '1', '2', '3']);
    expect(controlB.handled).toEqual(['0', '1', '2', '3']);
    expect(http.map((h) => h.created)).toEqual([true, true]);

    for (const m of [x, y]) {
      // Five referrals (two per run and one by HTTP), each routed once, to the emptier team each time.
      expect(await routedTeams(m.code)).toEqual([m.teams[0], m.teams[1], m.teams[0], m.teams[1], m.teams[0]]);
      const [{ n }] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM referral WHERE municipality_code = $1`,
        [m.code],
      );
      expect(n).toBe(5);
    }
    const refs = [...runA, ...runB].map((m) => JSON.parse(m.value!.toString()).data.referralId);
    const [{ distinct }] = await db.dataSource.query(
      `SELECT count(DISTINCT external_ref)::int AS distinct FROM referral WHERE external_ref = ANY($1)`,
      [refs],
    );
    expect(distinct).toBe(8);
  });

  it('the same two runs deadlock when they wait for the lock, as the routing lock did before', async () => {
    // The interleaving above is real: with a waiting lock, PostgreSQL has to break a deadlock.
    const [x, y] = [await aMunicipality(), await aMunicipality()];
    const runA = [x, y].map((m, i) => message(0, i, requested(m.code)));
    const runB = [y, x].map((m, i) => message(1, i, requested(m.code)));
    const harness = theOppositeOrderHarness(async (event, ctx) => {
      const { municipalityCode } = event.data as CareReferralRequestedData;
      await ctx.em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`route:${municipalityCode}`]);
    });
    const { processor, outcomes } = aProcessor(harness.handler);

    const firstLocksHeld = harness.bothHoldTheirFirstLock([eventIdOf(runA[0]), eventIdOf(runB[0])]);
    void firstLocksHeld.then(harness.release.open);
    await Promise.all([
      processor.processBatch({ topic: TOPIC, partition: 0, messages: runA }, aControl()),
      processor.processBatch({ topic: TOPIC, partition: 1, messages: runB }, aControl()),
    ]);

    expect(harness.errors.map((e) => (e as { code?: string }).code)).toContain(DEADLOCK);
    expect(outcomes).toEqual(Array(4).fill('applied'));
  });
});
