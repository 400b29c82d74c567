import { randomBytes } from 'node:crypto';
import { IllegalTransition, samenspelContracts } from '@samenspel/contracts';
import { MetricsRegistry, PreconditionFailedError } from '@samenspel/http';
import { MessagingCore1764201600000, Outbox, UnitsOfWork } from '@samenspel/messaging';
import { aUniqueName, aYouthRef, createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { Referrals1764806400000 } from '../src/migrations/1764806400000-referrals';
import { NoteCipher } from '@samenspel/persistence';
import { systemClock } from '@samenspel/clock';
import { ReferralEntity, ReferralStatusChangeEntity } from '../src/referrals/referral.entity';
import { ReferralMetrics } from '../src/referrals/referral-metrics';
import { ReferralsRepository } from '../src/referrals/referrals.repository';
import { CreateReferralCommand } from '../src/referrals/usecases/create-referral/create-referral.command';
import { CreateReferral } from '../src/referrals/usecases/create-referral/create-referral.usecase';
import { TransitionReferralCommand } from '../src/referrals/usecases/transition-referral/transition-referral.command';
import { TransitionReferral } from '../src/referrals/usecases/transition-referral/transition-referral.usecase';
import { TeamEntity } from '../src/teams/team.entity';
import { TeamsRepository } from '../src/teams/teams.repository';

/** The use cases with their real repositories against PostgreSQL (no broker needed: the outbox is a table). */
describe('the referral use cases against PostgreSQL', () => {
  let db: TestDatabase;
  let createReferral: CreateReferral;
  let units: UnitsOfWork;
  let transitionReferral: TransitionReferral;
  const referrals = new ReferralsRepository();
  const teams = new TeamsRepository();

  beforeAll(async () => {
    db = await createTestDatabase('referral_usecases', {
      entities: [ReferralEntity, ReferralStatusChangeEntity, TeamEntity],
      migrations: [MessagingCore1764201600000, Referrals1764806400000],
    });
    const outbox = new Outbox('urn:samenspel:referral', samenspelContracts());
    const cipher = new NoteCipher({ id: 'k1', key: randomBytes(32) });
    const metrics = new ReferralMetrics(new MetricsRegistry());
    units = new UnitsOfWork(db.dataSource, outbox);
    createReferral = new CreateReferral(referrals, teams, cipher, metrics, systemClock);
    transitionReferral = new TransitionReferral(referrals, cipher, metrics, systemClock);
  }, 60000);

  afterAll(async () => db?.drop());

  const municipality = () => `GM${1000 + Math.floor(Math.random() * 9000)}`;
  const command = (overrides: Partial<CreateReferralCommand> = {}) =>
    new CreateReferralCommand({
      origin: 'api',
      direction: 'care-to-youth-work',
      phase: 'during',
      youthRef: aYouthRef(),
      ageYears: 16,
      postcode4: '3581',
      municipalityCode: 'GM0344',
      reason: 'leisure',
      themes: ['music'],
      note: 'Alleen op woensdag.',
      consent: { youthWork: true, givenBy: 'youth', givenAt: '2026-11-01T09:00:00Z' },
      referredBy: { organisation: 'zorg-test', role: 'care-worker' },
      actor: { role: 'intake-system', ref: 'test' },
      ...overrides,
    });
  /** As the API runs them: each in a unit of work of its own. */
  const create = (cmd: CreateReferralCommand) => units.run((uow) => createReferral.execute(cmd, uow));
  const transition = (cmd: TransitionReferralCommand) =>
    units.run((uow) => transitionReferral.execute(cmd, uow));
  const outboxTypes = async (aggregateId: string) =>
    (
      await db.dataSource.query(
        `SELECT event_type, payload FROM outbox_event WHERE aggregate_id = $1 ORDER BY position`,
        [aggregateId],
      )
    ).map((r: { event_type: string }) => r.event_type);

  it('routes to the team with the fewest open referrals, not counting closed ones', async () => {
    const code = municipality();
    const [a, b] = [aUniqueName('ta'), aUniqueName('tb')].sort();
    await teams.upsert(db.dataSource.manager, {
      teamId: a,
      name: 'A',
      organisation: 'jw',
      municipalityCodes: [code],
    });
    await teams.upsert(db.dataSource.manager, {
      teamId: b,
      name: 'B',
      organisation: 'jw',
      municipalityCodes: [code],
    });

    // A gets the first (tie → lowest id), B the second; closing A's makes A the emptier again.
    const first = await create(command({ municipalityCode: code }));
    const second = await create(command({ municipalityCode: code }));
    expect([first.referral.receivingTeamId, second.referral.receivingTeamId]).toEqual([a, b]);
    await transition(
      new TransitionReferralCommand({
        referralId: first.referral.id,
        to: 'rejected',
        reasonCode: 'no-capacity',
        actor: { role: 'team-lead', ref: 'lead-a' },
      }),
    );
    const third = await create(command({ municipalityCode: code }));
    expect(third.referral.receivingTeamId).toBe(a);
  });

  it('creates one referral for a trajectory however often it arrives', async () => {
    const trajectory = command({
      origin: 'trajectory-ended',
      externalRef: aUniqueName('traj'),
      phase: 'after',
    });
    const once = await create(trajectory);
    const again = await create(trajectory);
    expect(again).toEqual({ referral: expect.objectContaining({ id: once.referral.id }), created: false });
    expect(
      await db.dataSource.query(`SELECT id FROM referral WHERE external_ref = $1`, [trajectory.externalRef]),
    ).toHaveLength(1);
  });

  it('emits created and requested for a toeleiding, and never puts the note in an event', async () => {
    const { referral } = await create(
      command({
        direction: 'youth-work-to-care',
        phase: 'before',
        reason: 'toeleiding',
        referringTeamId: 'team-t',
      }),
    );
    expect(await outboxTypes(referral.id)).toEqual([
      'nl.samenspel.referral.created.v1',
      'nl.samenspel.referral.requested.v1',
    ]);
    const payloads = await db.dataSource.query(
      `SELECT payload::text AS p FROM outbox_event WHERE aggregate_id = $1`,
      [referral.id],
    );
    expect(payloads.map((r: { p: string }) => r.p).join()).not.toContain('woensdag');
  });

  it('records each transition with actor and reason, bumps the version and refuses a stale one', async () => {
    const { referral } = await create(command());
    const accepted = await transition(
      new TransitionReferralCommand({
        referralId: referral.id,
        to: 'accepted',
        expectedVersion: 1,
        actor: { role: 'youth-worker', ref: 'worker-1' },
      }),
    );
    expect(accepted.version).toBe(2);
    await expect(
      transition(
        new TransitionReferralCommand({
          referralId: referral.id,
          to: 'in-progress',
          expectedVersion: 1,
          actor: { role: 'youth-worker', ref: 'worker-2' },
        }),
      ),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      transition(
        new TransitionReferralCommand({
          referralId: referral.id,
          to: 'requested',
          actor: { role: 'youth-worker', ref: 'w' },
        }),
      ),
    ).rejects.toBeInstanceOf(IllegalTransition);

    const history = await referrals.history(db.dataSource.manager, referral.id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorRef])).toEqual([
      [null, 'requested', 'test'],
      ['requested', 'accepted', 'worker-1'],
    ]);
    expect(await outboxTypes(referral.id)).toEqual([
      'nl.samenspel.referral.created.v1',
      'nl.samenspel.referral.status-changed.v1',
    ]);
  });

  it('lets two concurrent changes of one referral through one at a time: the loser sees the new status', async () => {
    const { referral } = await create(command());
    const results = await Promise.allSettled([
      transition(
        new TransitionReferralCommand({
          referralId: referral.id,
          to: 'accepted',
          actor: { role: 'team-lead', ref: 'x' },
        }),
      ),
      transition(
        new TransitionReferralCommand({
          referralId: referral.id,
          to: 'rejected',
          reasonCode: 'no-capacity',
          actor: { role: 'team-lead', ref: 'y' },
        }),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(IllegalTransition);
    const stored = await referrals.findById(db.dataSource.manager, referral.id);
    expect(stored?.version).toBe(2);
  });

  describe('the reads of a FHIR Task search', () => {
    const move = (referralId: string, to: 'accepted' | 'on-hold' | 'in-progress', reasonCode?: string) =>
      transition(
        new TransitionReferralCommand({
          referralId,
          to,
          reasonCode,
          actor: { role: 'team-lead', ref: 'lead' },
        }),
      );

    it('filters by status, receiving team, id and last update to the millisecond, oldest change first', async () => {
      const code = municipality();
      const team = aUniqueName('tf');
      await teams.upsert(db.dataSource.manager, {
        teamId: team,
        name: 'F',
        organisation: 'jw',
        municipalityCodes: [code],
      });
      const [first, second] = [
        await create(command({ municipalityCode: code })),
        await create(command({ municipalityCode: code })),
      ];
      await move(second.referral.id, 'accepted');
      await move(first.referral.id, 'accepted');
      const em = db.dataSource.manager;
      const search = (filter: Partial<Parameters<ReferralsRepository['list']>[1]>) =>
        referrals
          .list(em, { receivingTeamId: team, oldestChangeFirst: true, limit: 10, offset: 0, ...filter })
          .then(({ items }) => items.map((r) => r.id));

      expect(await search({ statuses: ['accepted'] })).toEqual([second.referral.id, first.referral.id]);
      expect(await search({ statuses: ['requested', 'rejected'] })).toEqual([]);
      expect(await search({ id: first.referral.id })).toEqual([first.referral.id]);
      const newest = (await referrals.findById(em, first.referral.id))!.updatedAt;
      // As meta.lastUpdated says it, to the millisecond: the newest change seen is not after itself.
      const seen = new Date(new Date(newest).toISOString());
      expect(await search({ updated: [{ op: '>', at: seen }] })).toEqual([]);
      expect(await search({ updated: [{ op: '>=', at: seen }] })).toEqual([first.referral.id]);
    });

    it('gives each referral the reason of its latest move, or null when that move gave none', async () => {
      const [onHold, accepted, untouched] = [
        await create(command()),
        await create(command()),
        await create(command()),
      ];
      await move(onHold.referral.id, 'accepted');
      await move(onHold.referral.id, 'on-hold', 'unreachable');
      await move(accepted.referral.id, 'accepted');
      const reasons = await referrals.latestReasons(db.dataSource.manager, [
        onHold.referral.id,
        accepted.referral.id,
        untouched.referral.id,
      ]);
      expect(Object.fromEntries(reasons)).toEqual({
        [onHold.referral.id]: 'unreachable',
        [accepted.referral.id]: null,
        [untouched.referral.id]: null,
      });
    });
  });
});
