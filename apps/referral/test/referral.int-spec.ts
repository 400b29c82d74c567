import { randomUUID } from 'node:crypto';
import { REFERRAL_EVENT_TYPES, TOPICS } from '@samenspel/contracts';
import { aUniqueName, aYouthRef, DEFAULT_INTAKE_CLIENT, IntakeSystem, waitFor } from '@samenspel/testing';
import { consent, ReferralWorld, type Json } from './referral-world';

const T = REFERRAL_EVENT_TYPES;

describe('the referral service, end to end through the broker', () => {
  let world: ReferralWorld;
  ReferralWorld.forTheseSpecs((started) => (world = started));

  const apiReferral = (municipalityCode: string, overrides: Json = {}) => ({
    direction: 'care-to-youth-work',
    phase: 'during',
    youthRef: aYouthRef(),
    ageYears: 13,
    postcode4: '3581',
    municipalityCode,
    reason: 'leisure',
    themes: ['music'],
    note: 'Houdt van gitaar spelen; liever na schooltijd.',
    consent: consent('youth-and-guardian'),
    ...overrides,
  });

  describe('na: the handover after care', () => {
    it('hands a youngster with follow-up wanted and consent over to the team serving the municipality', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const ended = await world.trajectoryEnded({ municipalityCode: municipality, ageYears: 16 });
      const youthRef = ended.data.youthRef as string;

      const referral = await world.waitForReferralOf(youthRef, 'the handover referral');
      expect(referral).toMatchObject({
        direction: 'care-to-youth-work',
        phase: 'after',
        status: 'requested',
        reason: 'aftercare',
        receivingTeamId: teamId,
        themes: ['music', 'sports'],
        referredBy: { organisation: 'zorgaanbieder-test', role: 'care-provider' },
      });
      const created = await world.waitForPublished(youthRef, T.created);
      expect(created.data).toMatchObject({
        referralId: referral.id,
        phase: 'after',
        receivingTeamId: teamId,
      });
    });

    it('creates nothing for a trajectory that ended without follow-up wanted', async () => {
      const youthRef = aYouthRef();
      await world.trajectoryEnded({
        youthRef,
        followUpWanted: false,
        trajectoryId: aUniqueName('no-follow-up'),
      });
      // A later trajectory of the same youngster (same key, so consumed after the first) does want follow-up.
      const wanted = await world.trajectoryEnded({ youthRef });
      const referral = await world.waitForReferralOf(youthRef, 'the referral of the second trajectory');
      expect(await world.referralsOf(youthRef)).toHaveLength(1);
      const [stored] = await world.sql<{ external_ref: string }>(
        `SELECT external_ref FROM referral WHERE id = $1`,
        [referral.id],
      );
      expect(stored.external_ref).toBe(wanted.data.trajectoryId);
    });

    it('sends consent-missing back and tells youth work nothing when a 15-year-old consented alone', async () => {
      const ended = await world.trajectoryEnded({ ageYears: 15, consent: consent('youth') });
      const youthRef = ended.data.youthRef as string;

      const missing = await world.waitForPublished(youthRef, T.consentMissing);
      expect(missing.data).toEqual({
        youthRef,
        trajectoryId: ended.data.trajectoryId,
        reason: 'youth-and-guardian-consent-required',
      });
      expect(await world.referralsOf(youthRef)).toEqual([]);
      expect((await world.publishedAbout(youthRef)).map((e) => e.type)).toEqual([T.consentMissing]);
    });

    it('answers a resent trajectory whose consent no longer holds with consent-missing, and keeps the referral made before', async () => {
      const ended = await world.trajectoryEnded({ ageYears: 17 });
      const youthRef = ended.data.youthRef as string;
      const referral = await world.waitForReferralOf(youthRef, 'the referral of the first sending');

      // The same trajectory again, now with the guardian's consent only: not valid at 17.
      await world.trajectoryEnded({ ...ended.data, consent: consent('guardian') });

      const missing = await world.waitForPublished(youthRef, T.consentMissing);
      expect(missing.data).toEqual({
        youthRef,
        trajectoryId: ended.data.trajectoryId,
        reason: 'youth-consent-required',
      });
      expect(await world.referralsOf(youthRef)).toEqual([expect.objectContaining({ id: referral.id })]);
    });
  });

  describe('tijdens: parallel support', () => {
    it('creates a parallel referral from a care system event, once however often it is replayed', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const requested = await world.careReferralRequested({ municipalityCode: municipality });
      const youthRef = requested.data.youthRef as string;
      // The same referral again under a new event id (a resend by the intake system).
      await world.careReferralRequested({ ...requested.data });

      const referral = await world.waitForReferralOf(youthRef, 'the parallel referral');
      expect(referral).toMatchObject({
        phase: 'during',
        reason: 'talent',
        receivingTeamId: teamId,
        status: 'requested',
      });
      await world.waitForPublished(youthRef, T.created);
      expect(await world.referralsOf(youthRef)).toHaveLength(1);
    });

    it('sends consent-missing back for a parallel referral from a care system without valid consent', async () => {
      const requested = await world.careReferralRequested({ ageYears: 10, consent: consent('youth') });
      const youthRef = requested.data.youthRef as string;

      // Published in the transaction that records the event as handled: it was neither retried
      // nor dead-lettered.
      const missing = await world.waitForPublished(youthRef, T.consentMissing);
      expect(missing.data).toEqual({
        youthRef,
        referralId: requested.data.referralId,
        reason: 'guardian-consent-required',
      });
      expect(missing.data).not.toHaveProperty('trajectoryId');
      expect(await world.referralsOf(youthRef)).toEqual([]);
      expect((await world.publishedAbout(youthRef)).map((e) => e.type)).toEqual([T.consentMissing]);
    });

    it('creates a parallel referral through the API for the intake system, with the note only for those allowed', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const org = aUniqueName('zorg');
      const body = apiReferral(municipality);

      const created = await world.http('POST', '/referrals', { role: 'intake-system', org }, body);
      expect(created.status).toBe(201);
      expect(created.etag).toBe('"1"');
      expect(created.body).toMatchObject({
        receivingTeamId: teamId,
        referredBy: { organisation: org },
        note: body.note,
      });

      const event = await world.waitForPublished(body.youthRef, T.created);
      expect(JSON.stringify(event)).not.toContain('gitaar');
      expect(event.data).toMatchObject({ referralId: created.body.id, phase: 'during' });

      const asTeam = await world.http('GET', `/referrals/${created.body.id}`, {
        role: 'youth-worker',
        teamId,
      });
      expect(asTeam.body.note).toBe(body.note);
      const asOps = await world.http('GET', `/referrals/${created.body.id}`, { role: 'ops' });
      expect(asOps.status).toBe(200);
      expect(asOps.body).not.toHaveProperty('note');
      const [stored] = await world.sql<{ note_ciphertext: string }>(
        `SELECT note_ciphertext FROM referral WHERE id = $1`,
        [created.body.id],
      );
      expect(stored.note_ciphertext).toMatch(/^v1\.dev\./);
      expect(stored.note_ciphertext).not.toContain('gitaar');
    });

    it('refuses an API referral without valid consent with 422 problem+json', async () => {
      const body = apiReferral(await world.aMunicipality(), { ageYears: 11, consent: consent('youth') });
      const res = await world.http('POST', '/referrals', { role: 'intake-system', org: 'zorg-x' }, body);
      expect(res.status).toBe(422);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body).toMatchObject({ consentProblem: 'guardian-consent-required' });
    });
  });

  describe('voor: toeleiding', () => {
    it('asks youth care, and an accepted answer on the broker accepts the referral', async () => {
      const teamId = world.aTeamId();
      const body = apiReferral('GM0344', {
        direction: 'youth-work-to-care',
        phase: 'before',
        reason: 'toeleiding',
        ageYears: 17,
        consent: consent('youth'),
      });
      const created = await world.http('POST', '/referrals', { role: 'youth-worker', teamId }, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        referringTeamId: teamId,
        receivingTeamId: null,
        status: 'requested',
      });

      const requested = await world.waitForPublished(body.youthRef, T.requested);
      expect(requested.data).toMatchObject({ referralId: created.body.id, reason: 'toeleiding' });

      // First an answer for a referral this service never sent, on the same key: ignored, not retried.
      await world.produce(TOPICS.jeugdzorgReferral, T.careReferralAccepted, body.youthRef, {
        referralId: randomUUID(),
        youthRef: body.youthRef,
        reason: 'intake-planned',
      });
      await world.produce(TOPICS.jeugdzorgReferral, T.careReferralAccepted, body.youthRef, {
        referralId: created.body.id,
        youthRef: body.youthRef,
        reason: 'intake-planned',
      });
      const accepted = await waitFor(
        async () => {
          const res = await world.http('GET', `/referrals/${created.body.id}`, {
            role: 'youth-worker',
            teamId,
          });
          return res.body.status === 'accepted' && res.body;
        },
        { timeoutMs: 30000, intervalMs: 200, description: 'the toeleiding accepted' },
      );
      expect(accepted.history.map((h: Json) => [h.from, h.to, h.reasonCode])).toEqual([
        [null, 'requested', null],
        ['requested', 'accepted', 'intake-planned'],
      ]);
      const changed = await world.waitForPublished(body.youthRef, T.statusChanged);
      expect(changed.data).toMatchObject({ from: 'requested', to: 'accepted', reasonCode: 'intake-planned' });
    });

    it('records a rejection from youth care with its reason', async () => {
      const teamId = world.aTeamId();
      const body = apiReferral('GM0344', {
        direction: 'youth-work-to-care',
        phase: 'before',
        reason: 'toeleiding',
        ageYears: 12,
      });
      const created = await world.http('POST', '/referrals', { role: 'team-lead', teamId }, body);
      await world.waitForPublished(body.youthRef, T.requested);
      await world.produce(TOPICS.jeugdzorgReferral, T.careReferralRejected, body.youthRef, {
        referralId: created.body.id,
        youthRef: body.youthRef,
        reason: 'not-eligible',
      });
      await waitFor(async () => (await world.referralsOf(body.youthRef))[0]?.status === 'rejected', {
        timeoutMs: 30000,
        intervalMs: 200,
        description: 'the toeleiding rejected',
      });
      const changed = await world.waitForPublished(body.youthRef, T.statusChanged);
      expect(changed.data).toMatchObject({ from: 'requested', to: 'rejected', reasonCode: 'not-eligible' });
    });
  });

  describe('status changes', () => {
    it('refuses a stale If-Match with 412 and an illegal transition with 409 problem+json', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const created = await world.http(
        'POST',
        '/referrals',
        { role: 'intake-system', org: 'zorg-c' },
        apiReferral(municipality),
      );
      const team = { role: 'youth-worker' as const, teamId };
      const id = created.body.id as string;

      const read = await world.http('GET', `/referrals/${id}`, team);
      expect(read.etag).toBe('"1"');
      const accept = await world.http(
        'POST',
        `/referrals/${id}/transitions`,
        team,
        { to: 'accepted' },
        { 'if-match': read.etag! },
      );
      expect(accept.status).toBe(200);
      expect(accept.etag).toBe('"2"');

      const stale = await world.http(
        'POST',
        `/referrals/${id}/transitions`,
        team,
        { to: 'in-progress' },
        { 'if-match': '"1"' },
      );
      expect(stale.status).toBe(412);
      expect(stale.contentType).toContain('application/problem+json');

      const illegal = await world.http(
        'POST',
        `/referrals/${id}/transitions`,
        team,
        { to: 'rejected', reasonCode: 'other' },
        { 'if-match': '"2"' },
      );
      expect(illegal.status).toBe(409);
      expect(illegal.contentType).toContain('application/problem+json');
      expect(illegal.body).toMatchObject({ currentStatus: 'accepted', requestedStatus: 'rejected' });

      const noOutcome = await world.http('POST', `/referrals/${id}/transitions`, team, { to: 'completed' });
      expect(noOutcome.status).toBe(422);

      const done = await world.http(
        'POST',
        `/referrals/${id}/transitions`,
        team,
        {
          to: 'completed',
          outcome: 'engaged-in-activity',
          note: 'Komt elke woensdag.',
        },
        { 'if-match': '"2"' },
      );
      expect(done.body).toMatchObject({ status: 'completed', outcome: 'engaged-in-activity', version: 3 });
      expect(done.body.history.at(-1)).toMatchObject({
        to: 'completed',
        actorRole: 'youth-worker',
        note: 'Komt elke woensdag.',
      });
    });

    it('moves a handover along the follow-up outcomes of the notification service', async () => {
      const municipality = await world.aMunicipality();
      await world.aTeamServing([municipality]);
      const ended = await world.trajectoryEnded({ municipalityCode: municipality });
      const referral = await world.waitForReferralOf(ended.data.youthRef as string, 'the handover');
      const ref = referral as { id: string; youthRef: string; receivingTeamId: string };

      await world.taskCompleted(ref, 'first-contact', 'reached');
      await waitFor(async () => (await world.referralsOf(ref.youthRef))[0].status === 'in-progress', {
        timeoutMs: 30000,
        description: 'in-progress after first contact',
      });
      await world.taskCompleted(ref, 'check-in-2w', 'internship-or-work-found');
      const done = await waitFor(
        async () => {
          const [r] = await world.referralsOf(ref.youthRef);
          return r.status === 'completed' && r;
        },
        { timeoutMs: 30000, description: 'completed after the check-in' },
      );
      expect(done.outcome).toBe('internship-or-work-found');
    });
  });

  describe('routing', () => {
    it('spreads referrals over the teams serving a municipality, leaves an unserved one unrouted for ops, and routes it once a team serves it', async () => {
      const municipality = await world.aMunicipality();
      // Lowest teamId first on a tie; then the team with fewer open referrals.
      const prefix = aUniqueName('0000-route');
      const teamA = await world.aTeamServing([municipality], `${prefix}-a`);
      const teamB = await world.aTeamServing([municipality], `${prefix}-b`);
      const first = await world.http(
        'POST',
        '/referrals',
        { role: 'intake-system', org: 'zorg-r' },
        apiReferral(municipality),
      );
      const second = await world.http(
        'POST',
        '/referrals',
        { role: 'intake-system', org: 'zorg-r' },
        apiReferral(municipality),
      );
      expect([first.body.receivingTeamId, second.body.receivingTeamId]).toEqual([teamA, teamB]);

      const unserved = await world.aMunicipality();
      const orphan = await world.http(
        'POST',
        '/referrals',
        { role: 'intake-system', org: 'zorg-r' },
        apiReferral(unserved),
      );
      expect(orphan.body).toMatchObject({ status: 'requested', receivingTeamId: null });
      const forOps = await world.http('GET', `/referrals?unrouted=true&youthRef=${orphan.body.youthRef}`, {
        role: 'ops',
      });
      expect(forOps.body.items.map((r: Json) => r.id)).toEqual([orphan.body.id]);

      // A team for the municipality appears: the orphan is routed to it, and the team hears of it.
      const late = await world.aTeamServing([unserved]);
      const routed = await world.waitForPublished(orphan.body.youthRef, T.routed);
      expect(routed.data).toMatchObject({
        referralId: orphan.body.id,
        youthRef: orphan.body.youthRef,
        municipalityCode: unserved,
        direction: 'care-to-youth-work',
        status: 'requested',
        receivingTeamId: late,
      });
      const seen = await world.http('GET', `/referrals/${orphan.body.id}`, {
        role: 'team-lead',
        teamId: late,
      });
      expect(seen.body).toMatchObject({ receivingTeamId: late, status: 'requested' });
      // A second team later changes nothing: the referral is routed once.
      await world.aTeamServing([unserved]);
      const stillUnrouted = await world.http(
        'GET',
        `/referrals?unrouted=true&youthRef=${orphan.body.youthRef}`,
        {
          role: 'ops',
        },
      );
      expect(stillUnrouted.body.items).toEqual([]);
      const published = await world.publishedAbout(orphan.body.youthRef);
      expect(published.filter((e) => e.type === T.routed)).toHaveLength(1);
    });
  });

  describe('who sees what', () => {
    it('refuses another team and another intake system', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const created = await world.http(
        'POST',
        '/referrals',
        { role: 'intake-system', org: 'zorg-own' },
        apiReferral(municipality),
      );
      const id = created.body.id as string;
      const otherTeam = { role: 'youth-worker' as const, teamId: world.aTeamId() };

      expect((await world.http('GET', `/referrals/${id}`, otherTeam)).status).toBe(403);
      expect(
        (await world.http('POST', `/referrals/${id}/transitions`, otherTeam, { to: 'accepted' })).status,
      ).toBe(403);
      expect((await world.http('GET', `/referrals?teamId=${teamId}`, otherTeam)).status).toBe(403);
      const otherList = await world.http('GET', `/referrals?youthRef=${created.body.youthRef}`, otherTeam);
      expect(otherList.body).toEqual({ items: [], total: 0 });
      expect(
        (await world.http('GET', `/referrals/${id}`, { role: 'intake-system', org: 'zorg-other' })).status,
      ).toBe(403);
      expect(
        (await world.http('POST', `/referrals/${id}/transitions`, { role: 'ops' }, { to: 'accepted' }))
          .status,
      ).toBe(403);

      const ownMove = await world.http(
        'POST',
        `/referrals/${id}/transitions`,
        { role: 'intake-system', org: 'zorg-own' },
        {
          to: 'accepted',
        },
      );
      expect(ownMove).toMatchObject({
        status: 403,
        body: { type: expect.stringContaining('not-your-move') },
      });

      const ownList = await world.http('GET', `/referrals?youthRef=${created.body.youthRef}`, {
        role: 'team-lead',
        teamId,
      });
      expect(ownList.body.items.map((r: Json) => r.id)).toEqual([id]);
    });
  });

  describe("the simulated intake system, with a client credentials token from the run's provider", () => {
    const intakeSystem = (issuer: string, log: (line: string) => void) =>
      new IntakeSystem(
        { ...DEFAULT_INTAKE_CLIENT, issuer, referralUrl: world.sut.baseUrl, parallelReferrals: 1 },
        log,
      );

    it('refers a youngster in parallel as its own organisation and reads the referral back', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const youthRef = aYouthRef();
      const lines: string[] = [];
      const intake = intakeSystem(process.env.AUTH_ISSUER!, (line) => lines.push(line));

      await intake.maybeRefer({
        youthRef,
        ageYears: 14,
        postcode4: '3581',
        municipalityCode: municipality,
        interests: ['music'],
        consent: consent('youth-and-guardian'),
      });

      expect(await intake.finish()).toEqual({ referred: 1, refused: {}, statuses: { requested: 1 } });
      expect(lines).toEqual([]);
      expect(await world.referralsOf(youthRef)).toMatchObject([
        {
          direction: 'care-to-youth-work',
          phase: 'during',
          receivingTeamId: teamId,
          referredBy: { organisation: DEFAULT_INTAKE_CLIENT.clientId, role: 'care-worker' },
        },
      ]);
    });

    it('says once that the provider cannot be reached, and makes no calls after that', async () => {
      const lines: string[] = [];
      const intake = intakeSystem('http://127.0.0.1:9', (line) => lines.push(line));
      const youngster = {
        youthRef: aYouthRef(),
        ageYears: 17,
        postcode4: '3581',
        municipalityCode: await world.aMunicipality(),
        interests: ['sport'],
        consent: consent('youth'),
      };

      await intake.maybeRefer(youngster);
      await intake.maybeRefer(youngster);

      expect(await intake.finish()).toEqual({ referred: 0, refused: {}, statuses: {} });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^intake system: no HTTP calls this run \(the identity provider cannot be reached/,
      );
      expect(await world.referralsOf(youngster.youthRef)).toEqual([]);
    });
  });

  describe('warm handover', () => {
    it('plans the joint meeting as a task for the team and records that it took place', async () => {
      const municipality = await world.aMunicipality();
      const teamId = await world.aTeamServing([municipality]);
      const body = apiReferral(municipality);
      const created = await world.http('POST', '/referrals', { role: 'intake-system', org: 'zorg-w' }, body);
      const id = created.body.id as string;
      const team = { role: 'team-lead' as const, teamId };

      const planned = await world.http('POST', `/referrals/${id}/warm-handover`, team, {
        proposedAt: '2026-12-03T14:00:00Z',
        participantRoles: ['care-worker', 'youth-worker', 'youth'],
      });
      expect(planned.status).toBe(200);
      const event = await world.waitForPublished(body.youthRef, T.warmHandoverPlanned);
      expect(event.data).toEqual({
        referralId: id,
        youthRef: body.youthRef,
        teamId,
        proposedAt: '2026-12-03T14:00:00.000Z',
        participantRoles: ['care-worker', 'youth-worker', 'youth'],
      });

      const outcome = await world.http('POST', `/referrals/${id}/warm-handover/outcome`, team, {
        tookPlace: true,
      });
      expect(outcome.body.warmHandover).toMatchObject({
        tookPlace: true,
        participantRoles: ['care-worker', 'youth-worker', 'youth'],
      });
      // The outcome travels: notification completes the meeting's task, the console counts a first contact.
      const recorded = await world.waitForPublished(body.youthRef, T.warmHandoverRecorded);
      expect(recorded.data).toEqual({
        referralId: id,
        youthRef: body.youthRef,
        teamId,
        proposedAt: '2026-12-03T14:00:00.000Z',
        tookPlace: true,
        recordedAt: outcome.body.warmHandover.recordedAt,
      });
    });
  });
});
