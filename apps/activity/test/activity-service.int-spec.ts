import { randomUUID } from 'node:crypto';
import { ACTIVITY_EVENT_TYPES as T } from '@samenspel/contracts';
import { aYouthRef, startService, TestKafka, type ServiceUnderTest } from '@samenspel/testing';
import {
  ActivityApi,
  activityEvents,
  aMunicipalityCode,
  anActivityBody,
  problemType,
} from './activity-harness';

describe('the activity service (catalogue, capacity, placements, matching, attendance)', () => {
  let sut: ServiceUnderTest;
  let api: ActivityApi;
  const kafka = new TestKafka();

  beforeAll(async () => {
    sut = await startService('activity');
    api = new ActivityApi(sut);
  }, 90000);
  afterAll(async () => {
    await kafka.close();
    await sut?.dispose();
  });

  it('starts with an empty catalogue outside the development profile', async () => {
    const teams = await api.call<{ total: number }>('GET', '/teams');
    expect(teams.body.total).toBe(0);
  });

  it('creates a team and a draft activity, publishes it with events, and shows live capacity', async () => {
    const teamId = await api.aTeam(['GM0344', 'GM0307']);
    const activityId = await api.anActivity(teamId, { capacity: 12 }, { publish: false });
    const draft = await api.call<{ status: string; capacity: unknown }>('GET', `/activities/${activityId}`);
    expect(draft.body).toMatchObject({
      status: 'draft',
      capacity: { capacity: 12, held: 0, confirmed: 0, available: 12 },
    });

    const lead = { role: 'team-lead' as const, teamId };
    expect((await api.call('POST', `/activities/${activityId}/publish`, undefined, lead)).body).toMatchObject(
      { status: 'open' },
    );
    expect(
      (
        await api.call(
          'PATCH',
          `/activities/${activityId}`,
          { capacity: 14, themes: ['sport', 'music'] },
          lead,
        )
      ).body,
    ).toMatchObject({ capacity: { capacity: 14, available: 14 }, themes: ['sport', 'music'] });
    expect((await api.call('POST', `/activities/${activityId}/pause`, undefined, lead)).body).toMatchObject({
      status: 'paused',
    });
    expect((await api.call('PATCH', `/teams/${teamId}`, { name: 'Renamed team' })).status).toBe(200);

    const events = await activityEvents(
      kafka,
      (e) => e.data.teamId === teamId,
      5,
      'team and activity events',
    );
    expect(events.map((e) => [e.type, e.key])).toEqual(
      expect.arrayContaining([
        [T.teamCreated, teamId],
        [T.teamUpdated, teamId],
        [T.activityPublished, activityId],
        [T.activityUpdated, activityId],
      ]),
    );
    const published = events.find((e) => e.type === T.activityPublished)!;
    expect(published.data).toMatchObject({ activityId, teamId, status: 'open', capacity: 12, available: 12 });
    const updates = events.filter((e) => e.type === T.activityUpdated).map((e) => e.data);
    expect(updates).toEqual([
      expect.objectContaining({ capacity: 14, themes: ['sport', 'music'], status: 'open' }),
      expect.objectContaining({ status: 'paused' }),
    ]);
  });

  it('holds exactly 10 of 50 concurrent holds on 10 seats; the other 40 get 409 no-capacity', async () => {
    const teamId = await api.aTeam();
    const activityId = await api.anActivity(teamId, { capacity: 10 });
    const replies = await Promise.all(Array.from({ length: 50 }, () => api.hold(activityId, aYouthRef())));

    expect(replies.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.type).toBe(problemType('no-capacity'));
    }
    expect(await api.capacity(activityId)).toEqual({ capacity: 10, held: 10, confirmed: 0, available: 0 });
    const placements = await api.call<{ total: number; items: { status: string }[] }>(
      'GET',
      `/placements?activityId=${activityId}`,
    );
    expect(placements.body.total).toBe(10);
    expect(placements.body.items.every((p) => p.status === 'held')).toBe(true);

    const held = await activityEvents(
      kafka,
      (e) => e.type === T.placementHeld && e.data.activityId === activityId,
      10,
      '10 held events',
    );
    expect(held).toHaveLength(10);
    // Each hold saw the counters of the one before: available after the change counts 9 down to 0.
    expect(held.map((e) => e.data.available).sort((a, b) => Number(a) - Number(b))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  }, 60000);

  it('returns the same placement for a repeated reference, and refuses the reference for another youngster', async () => {
    const teamId = await api.aTeam();
    const activityId = await api.anActivity(teamId);
    const youthRef = aYouthRef();
    const reference = `offer-${randomUUID()}`;
    const first = await api.hold(activityId, youthRef, reference);
    const again = await api.hold(activityId, youthRef, reference);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await api.hold(activityId, aYouthRef(), reference);
    expect(other).toMatchObject({ status: 409, body: { type: problemType('reference-conflict') } });
    const sameYouthNewReference = await api.hold(activityId, youthRef);
    expect(sameYouthNewReference).toMatchObject({
      status: 409,
      body: { type: problemType('already-placed') },
    });
    expect(await api.capacity(activityId)).toMatchObject({ held: 1, available: 9 });
  });

  it('holds a batch of youngsters in order in one call, answers each as a single call would, and audits each', async () => {
    const m = aMunicipalityCode();
    const teamId = await api.aTeam([m]);
    const activityId = await api.anActivity(teamId, { capacity: 2, municipalityCode: m });
    const youngster = (reference: string = randomUUID(), youthRef = aYouthRef()) => ({
      ageYears: 14,
      postcode4: '3562',
      municipalityCode: m,
      interests: ['sport'],
      youthRef,
      reference,
    });
    const takenReference = randomUUID();
    expect((await api.hold(activityId, aYouthRef(), takenReference)).status).toBe(201);
    const items = [youngster(), youngster(takenReference), youngster(), youngster()];

    const reply = await api.call<{ results: Record<string, unknown>[] }>(
      'POST',
      '/placements/hold-best/batch',
      { items },
      { role: 'service' },
    );

    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([
      expect.objectContaining({
        status: 201,
        held: expect.objectContaining({
          placement: expect.objectContaining({ activityId, youthRef: items[0]!.youthRef, status: 'held' }),
          activity: expect.objectContaining({ activityId, teamId }),
        }),
      }),
      {
        status: 409,
        problem: expect.objectContaining({
          type: problemType('reference-conflict'),
          status: 409,
          instance: '/api/v1/placements/hold-best/batch',
        }),
      },
      expect.objectContaining({ status: 200, held: null }),
      expect.objectContaining({ status: 200, held: null }),
    ]);
    expect(await api.capacity(activityId)).toMatchObject({ held: 2, available: 0 });

    // One audit record per youngster, with that youngster's placement and answer.
    const heldId = (reply.body.results[0]!.held as { placement: { id: string } }).placement.id;
    const audit = async (youthRef: string) =>
      (
        await api.call<{ items: { resource: { id?: string }; statusCode: number; outcome: string }[] }>(
          'GET',
          `/audit?subject=${youthRef}`,
        )
      ).body.items;
    expect(await audit(items[0]!.youthRef)).toEqual([
      expect.objectContaining({ resource: { type: 'placement', id: heldId }, statusCode: 201 }),
    ]);
    expect(await audit(items[1]!.youthRef)).toEqual([
      expect.objectContaining({ resource: { type: 'placement' }, statusCode: 409 }),
    ]);
    expect(await audit(items[3]!.youthRef)).toEqual([expect.objectContaining({ statusCode: 200 })]);

    // Bad input: the whole batch is refused with the field of the item at fault, and nothing is held.
    const bad = await api.call<{ type: string; errors: { field: string }[] }>(
      'POST',
      '/placements/hold-best/batch',
      { items: [youngster(), { ...youngster(), ageYears: 'veertien' }] },
      { role: 'service' },
    );
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((e) => e.field)).toContain('items.1.ageYears');
    const tooMany = await api.call<{ errors: { field: string }[] }>(
      'POST',
      '/placements/hold-best/batch',
      { items: Array.from({ length: 51 }, () => youngster()) },
      { role: 'service' },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e) => e.field)).toContain('items');
    expect(await api.capacity(activityId)).toMatchObject({ held: 2, available: 0 });
  });

  it('confirms, releases, cancels and completes placements, each event showing the seats free afterwards', async () => {
    const teamId = await api.aTeam();
    const activityId = await api.anActivity(teamId, { capacity: 2 });
    const [a, b, c] = [aYouthRef(), aYouthRef(), aYouthRef()];
    const holdA = await api.hold(activityId, a);
    const holdB = await api.hold(activityId, b);
    const lead = { role: 'team-lead' as const, teamId };
    expect(
      (await api.call('POST', `/placements/${holdA.body.id}/confirm`, undefined, lead)).body,
    ).toMatchObject({ status: 'confirmed' });
    // Confirming twice changes nothing.
    expect((await api.call('POST', `/placements/${holdA.body.id}/confirm`, undefined, lead)).status).toBe(
      200,
    );
    expect(await api.capacity(activityId)).toEqual({ capacity: 2, held: 1, confirmed: 1, available: 0 });
    const released = await api.call(
      'POST',
      `/placements/${holdB.body.id}/release`,
      { reason: 'offer-declined' },
      { role: 'service' },
    );
    expect(released.body).toMatchObject({ status: 'released', reason: 'offer-declined' });
    // The youngster's own view of the placement: words outside the vocabulary or free text are refused.
    for (const youthVoice of [
      { score: 4, helped: ['my mentor'] },
      { score: 4, helped: ['group'], remark: 'liked it' },
      { score: 6, helped: [] },
    ]) {
      const refused = await api.call('POST', `/placements/${holdA.body.id}/complete`, { youthVoice }, lead);
      expect([youthVoice, refused.status]).toEqual([youthVoice, 400]);
    }
    const youthVoice = { score: 4, helped: ['group', 'activity'] };
    expect(
      (await api.call('POST', `/placements/${holdA.body.id}/complete`, { youthVoice }, lead)).body,
    ).toMatchObject({ status: 'completed' });
    const holdC = await api.hold(activityId, c);
    expect(
      (await api.call('POST', `/placements/${holdC.body.id}/cancel`, { reason: 'youngster-withdrew' }, lead))
        .body,
    ).toMatchObject({ status: 'cancelled' });
    expect(await api.capacity(activityId)).toEqual({ capacity: 2, held: 0, confirmed: 0, available: 2 });
    const illegal = await api.call('POST', `/placements/${holdB.body.id}/confirm`, undefined, lead);
    expect(illegal).toMatchObject({
      status: 409,
      body: { type: problemType('illegal-transition'), currentStatus: 'released' },
    });

    const events = await activityEvents(
      kafka,
      (e) => e.data.activityId === activityId && String(e.type).includes('placement'),
      7,
      'placement events',
    );
    const byYouth = (ref: string) =>
      events.filter((e) => e.key === ref).map((e) => [e.type, e.data.available, e.data.reason]);
    expect(byYouth(a)).toEqual([
      [T.placementHeld, 1, undefined],
      [T.placementConfirmed, 0, undefined],
      [T.placementCompleted, 2, undefined],
    ]);
    // The view travels on the completion only.
    expect(events.filter((e) => e.key === a).map((e) => e.data.youthVoice)).toEqual([
      undefined,
      undefined,
      youthVoice,
    ]);
    expect(byYouth(b)).toEqual([
      [T.placementHeld, 0, undefined],
      [T.placementReleased, 1, 'offer-declined'],
    ]);
    expect(byYouth(c)).toEqual([
      [T.placementHeld, 1, undefined],
      [T.placementCancelled, 2, 'youngster-withdrew'],
    ]);
  });

  it('refuses a hold on a draft, paused or closed activity with 409 activity-not-open', async () => {
    const teamId = await api.aTeam();
    const lead = { role: 'team-lead' as const, teamId };
    const draft = await api.anActivity(teamId, {}, { publish: false });
    const paused = await api.anActivity(teamId);
    await api.call('POST', `/activities/${paused}/pause`, undefined, lead);
    const closed = await api.anActivity(teamId);
    await api.call('POST', `/activities/${closed}/close`, {}, lead);
    for (const [id, status] of [
      [draft, 'draft'],
      [paused, 'paused'],
      [closed, 'closed'],
    ]) {
      const reply = await api.hold(id, aYouthRef());
      expect(reply).toMatchObject({
        status: 409,
        body: { type: problemType('activity-not-open'), currentStatus: status },
      });
    }
  });

  it('needs a reason to close an activity with active placements, then releases each with its event', async () => {
    const teamId = await api.aTeam();
    const lead = { role: 'team-lead' as const, teamId };
    const activityId = await api.anActivity(teamId, { capacity: 5 });
    const [a, b] = [aYouthRef(), aYouthRef()];
    const holdA = await api.hold(activityId, a);
    await api.hold(activityId, b);
    await api.call('POST', `/placements/${holdA.body.id}/confirm`, undefined, lead);

    const noReason = await api.call('POST', `/activities/${activityId}/close`, {}, lead);
    expect(noReason).toMatchObject({
      status: 422,
      body: { type: problemType('reason-required'), activePlacements: 2 },
    });
    expect(await api.capacity(activityId)).toEqual({ capacity: 5, held: 1, confirmed: 1, available: 3 });

    const closed = await api.call(
      'POST',
      `/activities/${activityId}/close`,
      { reason: 'season-ended' },
      lead,
    );
    expect(closed.body).toMatchObject({
      status: 'closed',
      closeReason: 'season-ended',
      capacity: { held: 0, confirmed: 0 },
    });

    const events = await activityEvents(
      kafka,
      (e) =>
        e.data.activityId === activityId && (e.type === T.placementReleased || e.type === T.activityClosed),
      3,
      'released and closed events',
    );
    expect(
      events
        .filter((e) => e.type === T.placementReleased)
        .map((e) => [e.key, e.data.reason])
        .sort(),
    ).toEqual(
      [
        [a, 'activity-closed'],
        [b, 'activity-closed'],
      ].sort(),
    );
    expect(events.find((e) => e.type === T.activityClosed)!.data).toEqual({
      activityId,
      teamId,
      reason: 'season-ended',
    });
  });

  it('answers bad input with problem+json and writes nothing', async () => {
    const teamId = await api.aTeam();
    const lead = { role: 'team-lead' as const, teamId };
    const create = (fields: Record<string, unknown>) =>
      api.call('POST', '/activities', anActivityBody(teamId, fields), lead);
    const fieldsOf = (r: { body: Record<string, unknown> }) =>
      (r.body.errors as { field: string }[]).map((e) => e.field);

    const tooYoung = await create({ minAge: 3 });
    expect(tooYoung).toMatchObject({ status: 400, body: { type: problemType('validation-failed') } });
    expect(tooYoung.contentType).toContain('application/problem+json');
    expect(fieldsOf(tooYoung)).toEqual(['minAge']);
    const reversed = await create({ minAge: 16, maxAge: 12 });
    expect(reversed).toMatchObject({ status: 400 });
    expect(fieldsOf(reversed)).toEqual(['minAge']);
    const unknownTheme = await create({ themes: ['sport', 'knitting'] });
    expect(unknownTheme).toMatchObject({ status: 400 });
    expect(unknownTheme.body.errors).toEqual([
      { field: 'themes', messages: [expect.stringContaining('knitting')] },
    ]);
    expect((await create({ nickname: 'x' })).status).toBe(400);
    expect(await api.call('GET', `/activities?teamId=${teamId}`)).toMatchObject({ body: { total: 0 } });

    const activityId = await api.anActivity(teamId, { capacity: 3 });
    await api.hold(activityId, aYouthRef());
    await api.hold(activityId, aYouthRef());
    const shrink = await api.call('PATCH', `/activities/${activityId}`, { capacity: 1 }, lead);
    expect(shrink).toMatchObject({
      status: 409,
      body: { type: problemType('capacity-below-occupied'), held: 2 },
    });
    const badRange = await api.call('PATCH', `/activities/${activityId}`, { minAge: 18 }, lead);
    expect(badRange).toMatchObject({ status: 400 });
    expect(await api.call('GET', `/activities/${activityId}`)).toMatchObject({
      body: { minAge: 10, capacity: { capacity: 3, held: 2, available: 1 } },
    });
    expect((await api.call('PATCH', `/activities/${activityId}`, { capacity: 2 }, lead)).status).toBe(200);

    // Reasons are codes, not free text (which could carry personal data).
    const freeText = await api.call(
      'POST',
      `/activities/${activityId}/close`,
      { reason: 'Jan stopped' },
      lead,
    );
    expect(freeText).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    expect(await api.capacity(activityId)).toMatchObject({ held: 2 });

    const otherLead = { role: 'team-lead' as const, teamId: randomUUID() };
    expect((await api.call('PATCH', `/activities/${activityId}`, { capacity: 5 }, otherLead)).status).toBe(
      403,
    );
    expect(
      (await api.call('POST', '/activities', anActivityBody(teamId), { role: 'youth-worker', teamId }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.call(
          'POST',
          '/teams',
          { name: 'x', organisation: 'y', municipalityCodes: ['GM0344'] },
          lead,
        )
      ).status,
    ).toBe(403);
  });

  it('ranks open activities with free seats by shared interests, then proximity, and explains each score', async () => {
    const gm = aMunicipalityCode();
    const teamId = await api.aTeam([gm]);
    const at = (fields: Record<string, unknown>, options?: { publish: boolean }) =>
      api.anActivity(teamId, { municipalityCode: gm, ...fields }, options);
    const both = await at({ themes: ['sport', 'music'], postcode4: '3590' });
    const near = await at({ themes: ['sport'], postcode4: '3562' });
    const far = await at({ themes: ['sport'], postcode4: '3584' });
    const noOverlap = await at({ themes: ['homework'], postcode4: '3562' });
    const full = await at({ themes: ['sport', 'music'], capacity: 1 });
    await api.hold(full, aYouthRef());
    await at({ themes: ['sport', 'music'] }, { publish: false }); // a draft
    await at({ themes: ['sport', 'music'], minAge: 16, maxAge: 23 }); // too old for 14

    const query = { ageYears: 14, postcode4: '3562', municipalityCode: gm, interests: ['sport', 'music'] };
    const ranked = await api.call<{
      items: { activityId: string; rank: number; score: Record<string, number>; explanation: string[] }[];
    }>('POST', '/matching/candidates', query, { role: 'service' });
    expect(ranked.status).toBe(200);
    expect(ranked.body.items.map((c) => c.activityId)).toEqual([both, near, far, noOverlap]);
    // proximity 3590 to 3562: 1 / (1 + 28/10) = 0.263; age 14 in 10-16: 1 - (1/3)/2 = 0.833
    expect(ranked.body.items[0]).toMatchObject({
      rank: 1,
      score: { interestOverlap: 2, proximity: 0.263, ageFit: 0.833 },
    });
    expect(ranked.body.items[1].explanation).toContain('same postcode area 3562');

    const again = await api.call<{ items: { activityId: string }[] }>(
      'POST',
      '/matching/candidates',
      { ...query, excludeActivityIds: [both], limit: 2 },
      { role: 'service' },
    );
    expect(again.body.items.map((c) => c.activityId)).toEqual([near, far]);
  });

  it('filters and pages the catalogue', async () => {
    const gm = aMunicipalityCode();
    const teamId = await api.aTeam([gm]);
    const kids = await api.anActivity(teamId, {
      municipalityCode: gm,
      title: 'A kids club',
      minAge: 4,
      maxAge: 8,
      themes: ['creative'],
    });
    const teens = await api.anActivity(teamId, {
      municipalityCode: gm,
      title: 'B teens',
      themes: ['sport', 'music'],
      postcode4: '3811',
    });
    const full = await api.anActivity(teamId, {
      municipalityCode: gm,
      title: 'C full',
      themes: ['music'],
      capacity: 1,
    });
    await api.hold(full, aYouthRef());
    const list = async (q: string) =>
      (
        await api.call<{ items: { id: string }[]; total: number }>(
          'GET',
          `/activities?municipalityCode=${gm}&${q}`,
        )
      ).body;

    expect((await list('age=6')).items.map((a) => a.id)).toEqual([kids]);
    expect((await list('themes=music')).items.map((a) => a.id)).toEqual([teens, full]);
    expect((await list('themes=music&withFreeSeats=true')).items.map((a) => a.id)).toEqual([teens]);
    expect((await list('postcode4=3811')).items.map((a) => a.id)).toEqual([teens]);
    expect(await list('limit=1&offset=1')).toEqual({
      items: [expect.objectContaining({ id: teens })],
      total: 3,
      limit: 1,
      offset: 1,
    });
    // A page past the end still tells how many there are.
    expect(await list('limit=2&offset=5')).toEqual({ items: [], total: 3, limit: 2, offset: 5 });
    expect((await api.call('GET', `/activities?age=old`)).status).toBe(400);
  });

  /** A youngster's seat held on a new activity, and a youth worker of the activity's team. */
  async function aHoldWithItsWorker() {
    const teamId = await api.aTeam();
    const worker = { role: 'youth-worker' as const, teamId };
    const activityId = await api.anActivity(teamId);
    const youthRef = aYouthRef();
    return { worker, activityId, youthRef, hold: await api.hold(activityId, youthRef) };
  }

  it('records attendance per session and reports rates without names', async () => {
    const { worker, activityId, youthRef, hold } = await aHoldWithItsWorker();
    const early = await api.call(
      'POST',
      `/placements/${hold.body.id}/attendance`,
      { sessionDate: '2026-11-02', status: 'present' },
      worker,
    );
    expect(early).toMatchObject({ status: 409, body: { type: problemType('placement-not-confirmed') } });
    await api.call('POST', `/placements/${hold.body.id}/confirm`, undefined, worker);
    const today = new Date().toISOString().slice(0, 10);
    for (const [sessionDate, status] of [
      ['2026-11-02', 'present'],
      ['2026-11-09', 'absent'],
      ['2026-11-16', 'excused'],
      [today, 'present'],
    ]) {
      const r = await api.call(
        'POST',
        `/placements/${hold.body.id}/attendance`,
        { sessionDate, status },
        worker,
      );
      expect(r).toMatchObject({ status: 201, body: { sessionDate, status } });
    }
    expect(
      (
        await api.call(
          'POST',
          `/placements/${hold.body.id}/attendance`,
          { sessionDate: '2026-11-09', status: 'late' },
          worker,
        )
      ).status,
    ).toBe(400);

    const own = await api.call('GET', `/placements/${hold.body.id}/attendance`, undefined, worker);
    // 2 present of 3 that count (excused is left out)
    expect(own.body).toMatchObject({ attendanceRate: 0.667, participation: { 4: null, 8: null, 12: null } });
    const summary = await api.call('GET', `/activities/${activityId}/attendance-summary`, undefined, worker);
    expect(summary.body).toEqual({
      activityId,
      placements: 1,
      sessions: { present: 2, absent: 1, excused: 1 },
      attendanceRate: 0.667,
      retention: [
        { weeks: 4, eligible: 0, participating: 0, rate: null },
        { weeks: 8, eligible: 0, participating: 0, rate: null },
        { weeks: 12, eligible: 0, participating: 0, rate: null },
      ],
    });
    expect(JSON.stringify(summary.body)).not.toContain(youthRef);

    const recorded = await activityEvents(
      kafka,
      (e) => e.type === T.attendanceRecorded && e.key === youthRef,
      4,
      'attendance events',
    );
    expect(recorded.map((e) => e.data.status)).toEqual(['present', 'absent', 'excused', 'present']);
  });
  it('audits a recorded session under the youngster it is about, though its answer does not name them', async () => {
    const { worker, youthRef, hold } = await aHoldWithItsWorker();
    await api.call('POST', `/placements/${hold.body.id}/confirm`, undefined, worker);

    const recorded = await api.call(
      'POST',
      `/placements/${hold.body.id}/attendance`,
      { sessionDate: new Date().toISOString().slice(0, 10), status: 'present' },
      worker,
    );

    expect(recorded.status).toBe(201);
    expect(JSON.stringify(recorded.body)).not.toContain(youthRef);
    const audit = await api.call<{ items: { action: string; resource: { type: string; id?: string } }[] }>(
      'GET',
      `/audit?subject=${youthRef}&action=create`,
    );
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'create', resource: { type: 'attendance', id: hold.body.id } }),
    );
  });
});
