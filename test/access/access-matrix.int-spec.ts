import { randomUUID } from 'node:crypto';
import { TOPICS } from '@samenspel/contracts';
import {
  labelNamesOf,
  METRIC_LABEL_NAMES,
  PROMETHEUS_SERIES_LABELS,
  ROLES,
  type Role,
} from '@samenspel/http';
import { aYouthRef, enteredEvent, TestKafka, toRecord, waitFor } from '@samenspel/testing';
import {
  ACCESS_MATRIX,
  isAllowed,
  routeKey,
  SERVICE_NAMES,
  type RouteAccess,
  type ServiceName,
} from './access-matrix';
import {
  consentOf,
  RawBody,
  SamenspelSystem,
  type Caller,
  type HttpAnswer,
  type Json,
} from './samenspel-system';

/** A synthetic string that may be in a note, and nowhere an ops caller can read. */
const NOTE_MARKER = `ACCESS-NOTE-${randomUUID().slice(0, 8)}`;

/** In every hostile value below, so that an echo of any of them shows. */
const HOSTILE_MARKER = 'zq9hostile';
/** Path and query values no format accepts: markup, SQL, 8,000 characters, a word with spaces. */
const HOSTILE_VALUES = [
  `<img src=x onerror=alert(1) id=${HOSTILE_MARKER}>`,
  `${HOSTILE_MARKER}' OR '1'='1`,
  `${HOSTILE_MARKER}${'x'.repeat(8000)}`,
  `not a uuid ${HOSTILE_MARKER}`,
];

/** Where an answer could quote what was sent: its detail and field errors, or its OperationOutcome's issues. */
const wordsOf = (answer: HttpAnswer) =>
  JSON.stringify({ detail: answer.json?.detail, errors: answer.json?.errors, issue: answer.json?.issue });

const isProblem = (answer: HttpAnswer, status: number) =>
  answer.status === status && answer.contentType.startsWith('application/problem+json');

/** The FHIR interface answers its errors as OperationOutcomes; every other route as problem+json. */
const isFhir = (route: RouteAccess) => route.path.startsWith('/fhir/');
const isRefusal = (route: RouteAccess, answer: HttpAnswer, status: number) =>
  isFhir(route)
    ? answer.status === status && answer.json?.resourceType === 'OperationOutcome'
    : isProblem(answer, status);
/** The fields a refusal names: problem+json's field errors, or an OperationOutcome issue's expressions. */
const fieldsOf = (answer: HttpAnswer): string[] => [
  ...((answer.json?.errors as Json[] | undefined) ?? []).map((e) => e.field as string),
  ...((answer.json?.issue as Json[] | undefined) ?? []).flatMap(
    (i) => (i.expression as string[] | undefined) ?? [],
  ),
];

/** The list routes: each refuses a malformed filter, such as a `teamId` that is no UUID, with 400. */
const LIST_ROUTES: readonly [ServiceName, string][] = [
  ['referral', '/api/v1/referrals'],
  ['waitlist-bridging', '/api/v1/waitlist-entries'],
  ['activity', '/api/v1/teams'],
  ['activity', '/api/v1/activities'],
  ['activity', '/api/v1/placements'],
  ['notification', '/api/v1/tasks'],
  ['notification', '/api/v1/tasks/stream'],
  ['notification', '/api/v1/webhooks'],
  ['ops-console', '/api/v1/dead-letters'],
  ['ops-console', '/api/v1/stuck-flows'],
  ['ops-console', '/api/v1/erasures'],
  ...SERVICE_NAMES.map((service): [ServiceName, string] => [service, '/api/v1/audit']),
];

/** Runs `work` over `items`, at most `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) {
    results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  }
  return results;
}

/**
 * Every route of every service against every role and against no token, as the matrix says
 * (docs/access-matrix.md), and the scope rules with seeded data: teams see their own, intake
 * systems their own organisation's, ops refs and aggregates without notes, and admin is audited.
 */
describe('the access matrix, against all five running services', () => {
  let system: SamenspelSystem;
  const kafka = new TestKafka();
  let teamA: string;
  let teamB: string;
  let municipality: string;
  const orgX = `regio-x-${randomUUID().slice(0, 6)}`;
  const orgY = `regio-y-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    system = await SamenspelSystem.start();
    municipality = await system.aMunicipality();
    [teamA, teamB] = await Promise.all([
      system.aTeam([municipality]),
      system.aTeam([await system.aMunicipality()]),
    ]);
  }, 120000);

  afterAll(async () => {
    await kafka.close();
    await system?.dispose();
  });

  const callerFor = (role: Role | 'anonymous'): Caller => {
    if (role === 'youth-worker' || role === 'team-lead') return { role, teamId: teamA };
    if (role === 'intake-system') return { role, org: orgX };
    if (role === 'policy') return { role, municipalityCodes: [municipality] };
    return { role };
  };

  /** A referral from care to youth work for a youngster of 16 in the test's municipality. */
  const careReferralOf = (youthRef: string, extra: Json = {}) => ({
    direction: 'care-to-youth-work',
    phase: 'during',
    youthRef,
    ageYears: 16,
    postcode4: '3581',
    municipalityCode: municipality,
    reason: 'leisure',
    themes: ['sport'],
    consent: consentOf('youth'),
    ...extra,
  });

  /** The refused attempts the audit trail of a service names the youngster in, once written. */
  const deniedAttemptsOn = (service: ServiceName, youthRef: string, count: number) =>
    waitFor(
      async () => {
        const page = await system.expectHttp(200, service, 'GET', `/api/v1/audit?subject=${youthRef}`, {
          role: 'admin',
        });
        const denied = (page.items as Json[]).filter((r) => r.outcome === 'denied');
        return denied.length >= count ? denied : undefined;
      },
      {
        timeoutMs: 10000,
        intervalMs: 200,
        description: `${count} denied attempt(s) on ${youthRef} in ${service}`,
      },
    );
  const routesOf = (records: Json[]) =>
    records.map((r) => `${r.endpoint.method} ${r.endpoint.route} ${r.statusCode}`).sort();

  /** A concrete path: the caller's own team for {teamId}, unknown ids elsewhere. */
  const concrete = (path: string) =>
    path
      .replace('{teamId}', teamA)
      .replace('{youthRef}', 'yr_000000000000')
      .replace('{waitlistEntryId}', 'UTR-WL-2026-none')
      .replace(/\{[A-Za-z]+\}/g, () => randomUUID());

  describe('role checks', () => {
    const documented = new Map<ServiceName, string[]>();

    beforeAll(async () => {
      for (const service of SERVICE_NAMES) {
        const doc = await system.expectHttp(200, service, 'GET', '/docs-json', { role: 'anonymous' });
        documented.set(
          service,
          Object.entries(doc.paths as Record<string, Json>).flatMap(([path, operations]) =>
            Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
          ),
        );
      }
    });

    it.each(SERVICE_NAMES)('has every route that %s documents in its OpenAPI, and no other', (service) => {
      const matrix = ACCESS_MATRIX[service];
      expect([...documented.get(service)!].sort()).toEqual(
        matrix
          .filter((r) => !r.undocumented)
          .map(routeKey)
          .sort(),
      );
    });

    it.each(SERVICE_NAMES)('answers every role on every route of %s as the matrix says', async (service) => {
      const calls = ACCESS_MATRIX[service].flatMap((route) =>
        (['anonymous', ...ROLES] as const).map((role) => ({ route, role })),
      );
      const answers = await inBatches(calls, 8, async ({ route, role }) => {
        const body = route.method === 'GET' ? undefined : {};
        const answer = await system.http(service, route.method, concrete(route.path), callerFor(role), body);
        return { route, role, answer };
      });
      const wrong = answers
        .filter(({ route, role, answer }) => !answersAsMatrixSays(route, role, answer))
        .map(({ route, role, answer }) => `${routeKey(route)} as ${role}: ${answer.status} ${answer.text}`);
      expect(wrong).toEqual([]);
    });
  });

  describe('input', () => {
    const docs = new Map<ServiceName, Json>();
    const callerOf = (route: RouteAccess) => callerFor(ROLES.find((role) => route.roles.includes(role))!);

    beforeAll(async () => {
      for (const service of SERVICE_NAMES) {
        docs.set(service, await system.expectHttp(200, service, 'GET', '/docs-json', { role: 'anonymous' }));
      }
    });

    it('answers a malformed path parameter on every route with a 400 field error that quotes nothing', async () => {
      const calls = SERVICE_NAMES.flatMap((service) =>
        ACCESS_MATRIX[service].flatMap((route) =>
          [...route.path.matchAll(/\{(\w+)\}/g)].flatMap(([, param]) =>
            HOSTILE_VALUES.map((value) => ({ service, route, param, value })),
          ),
        ),
      );
      const answers = await inBatches(calls, 8, async ({ service, route, param, value }) => {
        const path = concrete(route.path.replace(`{${param}}`, encodeURIComponent(value)));
        const body = route.method === 'GET' ? undefined : {};
        const answer = await system.http(service, route.method, path, callerOf(route), body);
        return { service, route, param, answer };
      });
      const wrong = answers
        .filter(
          ({ route, param, answer }) =>
            !isRefusal(route, answer, 400) ||
            !fieldsOf(answer).includes(param) ||
            wordsOf(answer).includes(HOSTILE_MARKER),
        )
        .map(
          ({ service, route, param, answer }) => `${service} ${routeKey(route)} ${param}: ${answer.status}`,
        );
      expect(calls.length).toBeGreaterThan(80);
      expect(wrong).toEqual([]);
    });

    it('answers a malformed teamId on every list route with 400, quoting nothing', async () => {
      const calls = LIST_ROUTES.flatMap(([service, path]) =>
        ['not-a-uuid', ...HOSTILE_VALUES.slice(0, 2)].map((value) => ({ service, path, value })),
      );
      const answers = await inBatches(calls, 8, async ({ service, path, value }) => {
        const route = ACCESS_MATRIX[service].find((r) => r.method === 'GET' && r.path === path)!;
        const query = `?teamId=${encodeURIComponent(value)}`;
        return {
          service,
          path,
          value,
          answer: await system.http(service, 'GET', path + query, callerOf(route)),
        };
      });
      const wrong = answers
        .filter(({ answer }) => !isProblem(answer, 400) || wordsOf(answer).includes(HOSTILE_MARKER))
        .map(
          ({ service, path, value, answer }) =>
            `${service} ${path}?teamId=${value.slice(0, 20)}: ${answer.status}`,
        );
      expect(wrong).toEqual([]);
    });

    it('answers a body where a route takes none with 400, and one that is not JSON with 415', async () => {
      const calls = SERVICE_NAMES.flatMap((service) =>
        ACCESS_MATRIX[service]
          .filter((route) => route.method !== 'GET')
          .map((route) => {
            // FHIR is left out of the OpenAPI document: of its routes, only the Task PATCH takes a body.
            const operation = docs.get(service)!.paths[route.path]?.[route.method.toLowerCase()] as
              Json | undefined;
            const takesBody = isFhir(route) ? route.method === 'PATCH' : operation?.requestBody !== undefined;
            return { service, route, takesBody };
          }),
      );
      const answers = await inBatches(calls, 8, async ({ service, route, takesBody }) => {
        const body = takesBody
          ? new RawBody('text/xml', `<note>${HOSTILE_MARKER}</note>`)
          : RawBody.json({ note: HOSTILE_MARKER });
        const answer = await system.http(service, route.method, concrete(route.path), callerOf(route), body);
        return { service, route, takesBody, answer };
      });
      const wrong = answers
        .filter(
          ({ route, takesBody, answer }) =>
            !isRefusal(route, answer, takesBody ? 415 : 400) || wordsOf(answer).includes(HOSTILE_MARKER),
        )
        .map(
          ({ service, route, answer }) => `${service} ${routeKey(route)}: ${answer.status} ${answer.text}`,
        );
      expect(wrong).toEqual([]);
      expect(calls.filter((c) => c.takesBody).length).toBeGreaterThan(10);
      expect(calls.filter((c) => !c.takesBody).length).toBeGreaterThan(5);
    });

    it('refuses a consent given later than now plus the clock tolerance, over HTTP and in events', async () => {
      const givenAt = '2099-01-01T00:00:00Z';
      const youthRef = aYouthRef();
      const answer = await system.http(
        'referral',
        'POST',
        '/api/v1/referrals',
        { role: 'intake-system', org: orgX },
        careReferralOf(youthRef, { consent: { ...consentOf('youth'), givenAt } }),
      );
      expect(isProblem(answer, 400)).toBe(true);
      expect(answer.json?.errors).toEqual([
        { field: 'consent.givenAt', messages: ['must not be later than now (clock tolerance 300 s)'] },
      ]);

      const entered = enteredEvent(`urn:jeugdzorg:intake:${orgX}`, {
        municipalityCode: municipality,
        postcode4: '3581',
        consent: { youthWork: true, givenBy: 'youth-and-guardian', givenAt },
      });
      await kafka.produce(TOPICS.waitlist, [toRecord(entered, 'structured')]);
      const letter = await waitFor(
        async () =>
          (await kafka.readAll(`${TOPICS.waitlist}.dlq`)).find((l) => l.key === entered.data.youthRef),
        {
          timeoutMs: 20000,
          intervalMs: 250,
          description: 'the dead letter of a consent given in the future',
        },
      );
      expect(letter.headers['dlq-reason']).toMatch(
        /^invalid-data: consent\.givenAt: .*must not be later than now/,
      );
    });

    it.each(SERVICE_NAMES)(
      'answers a path no route of %s serves with a 404 that does not quote it',
      async (service) => {
        const answer = await system.http(service, 'GET', `/api/v1/${HOSTILE_MARKER}/x`, { role: 'admin' });

        expect(isProblem(answer, 404)).toBe(true);
        expect(wordsOf(answer)).not.toContain(HOSTILE_MARKER);
      },
    );
  });

  describe('scope', () => {
    const noteOf = (who: string) => `${NOTE_MARKER} ${who}`;

    it('keeps a team to its own referrals, and an intake system to its own organisation’s', async () => {
      const youthWorkerA: Caller = { role: 'youth-worker', teamId: teamA };
      const youthWorkerB: Caller = { role: 'youth-worker', teamId: teamB };
      const toeleiding = await system.expectHttp(201, 'referral', 'POST', '/api/v1/referrals', youthWorkerA, {
        direction: 'youth-work-to-care',
        phase: 'before',
        youthRef: aYouthRef(),
        ageYears: 14,
        postcode4: '3581',
        municipalityCode: municipality,
        reason: 'toeleiding',
        themes: ['wellbeing'],
        note: noteOf('toeleiding'),
        consent: consentOf('youth-and-guardian'),
      });
      const intakeX: Caller = { role: 'intake-system', org: orgX };
      const intakeY: Caller = { role: 'intake-system', org: orgY };
      const fromX = await system.expectHttp(201, 'referral', 'POST', '/api/v1/referrals', intakeX, {
        direction: 'care-to-youth-work',
        phase: 'during',
        youthRef: aYouthRef(),
        ageYears: 15,
        postcode4: '3581',
        municipalityCode: municipality,
        reason: 'leisure',
        themes: ['music'],
        note: noteOf('from intake X'),
        consent: consentOf('youth-and-guardian'),
      });
      expect(fromX.receivingTeamId).toBe(teamA);

      const status = async (caller: Caller, method: string, path: string, body?: unknown) =>
        (await system.http('referral', method, path, caller, body)).status;
      // Team B: neither referral is theirs, to read or to change.
      for (const r of [toeleiding, fromX]) {
        expect(await status(youthWorkerB, 'GET', `/api/v1/referrals/${r.id}`)).toBe(403);
        expect(
          await status(youthWorkerB, 'POST', `/api/v1/referrals/${r.id}/transitions`, {
            to: 'cancelled',
            reasonCode: 'other',
          }),
        ).toBe(403);
      }
      const handover = { proposedAt: new Date().toISOString(), participantRoles: ['youth-worker'] };
      expect(
        await status(youthWorkerB, 'POST', `/api/v1/referrals/${toeleiding.id}/warm-handover`, handover),
      ).toBe(403);
      // Each refused attempt names the youngster, so that their audit trail shows it.
      expect(routesOf(await deniedAttemptsOn('referral', toeleiding.youthRef, 3))).toEqual([
        'GET /api/v1/referrals/:id 403',
        'POST /api/v1/referrals/:id/transitions 403',
        'POST /api/v1/referrals/:id/warm-handover 403',
      ]);
      expect(await status(youthWorkerB, 'GET', `/api/v1/referrals?teamId=${teamA}`)).toBe(403);
      const listB = await system.expectHttp(
        200,
        'referral',
        'GET',
        '/api/v1/referrals?limit=200',
        youthWorkerB,
      );
      expect(listB.items.map((r: Json) => r.id)).not.toEqual(expect.arrayContaining([toeleiding.id]));
      // Team A sees both, with their notes.
      for (const r of [toeleiding, fromX]) {
        const seen = await system.expectHttp(
          200,
          'referral',
          'GET',
          `/api/v1/referrals/${r.id}`,
          youthWorkerA,
        );
        expect(seen.note).toContain(NOTE_MARKER);
      }
      // Intake system Y sees nothing of X's; X sees its own.
      expect(await status(intakeY, 'GET', `/api/v1/referrals/${fromX.id}`)).toBe(403);
      const listY = await system.expectHttp(200, 'referral', 'GET', '/api/v1/referrals?limit=200', intakeY);
      expect(listY.total).toBe(0);
      const listX = await system.expectHttp(200, 'referral', 'GET', '/api/v1/referrals?limit=200', intakeX);
      expect(listX.items.map((r: Json) => r.id)).toEqual([fromX.id]);
      // Ops reads both, with refs and without the notes.
      for (const r of [toeleiding, fromX]) {
        const seen = await system.http('referral', 'GET', `/api/v1/referrals/${r.id}`, { role: 'ops' });
        expect(seen.status).toBe(200);
        expect(seen.json).toMatchObject({ id: r.id, youthRef: r.youthRef });
        expect(seen.text).not.toContain(NOTE_MARKER);
      }
    });

    it('keeps a team to its own tasks, and the task note away from ops', async () => {
      const youthRef = aYouthRef();
      const referral = await system.expectHttp(
        201,
        'referral',
        'POST',
        '/api/v1/referrals',
        { role: 'intake-system', org: orgX },
        careReferralOf(youthRef),
      );
      const [task] = await system.tasksOf(teamA, (t) => t.referralId === referral.id);
      const workerA: Caller = { role: 'youth-worker', teamId: teamA };
      const leadB: Caller = { role: 'team-lead', teamId: teamB };
      const status = async (caller: Caller, method: string, path: string, body?: unknown) =>
        (await system.http('notification', method, path, caller, body)).status;
      expect(await status(leadB, 'GET', `/api/v1/tasks/${task.id}`)).toBe(404);
      expect(await status(leadB, 'POST', `/api/v1/tasks/${task.id}/claim`, {})).toBe(404);
      expect(await status(leadB, 'POST', `/api/v1/tasks/${task.id}/cancel`, { reason: 'duplicate' })).toBe(
        404,
      );
      expect(await status(leadB, 'POST', `/api/v1/tasks/${task.id}/complete`, { outcome: 'done' })).toBe(404);
      // Another team's task answers 404, but the audit trail knows it was there: denied, on this youngster.
      expect(routesOf(await deniedAttemptsOn('notification', youthRef, 4))).toEqual([
        'GET /api/v1/tasks/:id 404',
        'POST /api/v1/tasks/:id/cancel 404',
        'POST /api/v1/tasks/:id/claim 404',
        'POST /api/v1/tasks/:id/complete 404',
      ]);
      expect(await status(leadB, 'GET', `/api/v1/tasks?teamId=${teamA}`)).toBe(403);
      const listB = await system.expectHttp(200, 'notification', 'GET', '/api/v1/tasks?limit=200', leadB);
      expect(listB.items.map((t: Json) => t.id)).not.toContain(task.id);

      await system.expectHttp(200, 'notification', 'POST', `/api/v1/tasks/${task.id}/claim`, workerA, {});
      const done = await system.expectHttp(
        200,
        'notification',
        'POST',
        `/api/v1/tasks/${task.id}/complete`,
        workerA,
        { outcome: 'done', note: noteOf('task') },
      );
      expect(done.note).toContain(NOTE_MARKER);
      const asWorker = await system.expectHttp(
        200,
        'notification',
        'GET',
        `/api/v1/tasks/${task.id}`,
        workerA,
      );
      expect(asWorker.note).toContain(NOTE_MARKER);
      for (const path of [`/api/v1/tasks/${task.id}`, `/api/v1/tasks?teamId=${teamA}&limit=200`]) {
        for (const role of ['ops', 'service'] as const) {
          const seen = await system.http('notification', 'GET', path, { role });
          expect({ path, role, status: seen.status }).toEqual({ path, role, status: 200 });
          expect(seen.text).toContain(task.id);
          expect(seen.text).not.toContain(NOTE_MARKER);
        }
      }
    });

    it('keeps a team to its own placements', async () => {
      const activityId = await system.anActivity(teamA, municipality);
      const leadA: Caller = { role: 'team-lead', teamId: teamA };
      const workerB: Caller = { role: 'youth-worker', teamId: teamB };
      const placement = await system.expectHttp(201, 'activity', 'POST', '/api/v1/placements', leadA, {
        activityId,
        youthRef: aYouthRef(),
        reference: randomUUID(),
      });
      const status = async (caller: Caller, method: string, path: string, body?: unknown) =>
        (await system.http('activity', method, path, caller, body)).status;
      expect(await status(workerB, 'GET', `/api/v1/placements/${placement.id}`)).toBe(403);
      const refusedConfirm = await system.http(
        'activity',
        'POST',
        `/api/v1/placements/${placement.id}/confirm`,
        workerB,
      );
      expect(refusedConfirm.status).toBe(403);
      // A refusal does not say whose the record is.
      expect(refusedConfirm.text).not.toContain(teamA);
      expect(await status(workerB, 'POST', `/api/v1/placements/${placement.id}/cancel`, {})).toBe(403);
      const session = { sessionDate: '2026-11-25', status: 'present' };
      expect(await status(workerB, 'POST', `/api/v1/placements/${placement.id}/attendance`, session)).toBe(
        403,
      );
      expect(routesOf(await deniedAttemptsOn('activity', placement.youthRef as string, 4))).toEqual([
        'GET /api/v1/placements/:placementId 403',
        'POST /api/v1/placements/:placementId/attendance 403',
        'POST /api/v1/placements/:placementId/cancel 403',
        'POST /api/v1/placements/:placementId/confirm 403',
      ]);
      expect(await status(workerB, 'GET', `/api/v1/activities/${activityId}/attendance-summary`)).toBe(403);
      expect(
        await status(workerB, 'POST', `/api/v1/placements`, {
          activityId,
          youthRef: aYouthRef(),
          reference: randomUUID(),
        }),
      ).toBe(403);
      expect(await status(workerB, 'PATCH', `/api/v1/activities/${activityId}`, { capacity: 5 })).toBe(403);
      const listB = await system.expectHttp(200, 'activity', 'GET', '/api/v1/placements?limit=100', workerB);
      expect(listB.items.map((p: Json) => p.id)).not.toContain(placement.id);
      expect(await status(leadA, 'POST', `/api/v1/placements/${placement.id}/confirm`, {})).toBe(200);
    });

    it('keeps an intake system to the waitlist entries of its own organisation', async () => {
      const [ofX, ofY] = [orgX, orgY].map((org) =>
        enteredEvent(`urn:jeugdzorg:intake:${org}`, { municipalityCode: municipality, postcode4: '3581' }),
      );
      await kafka.produce(TOPICS.waitlist, [toRecord(ofX, 'structured'), toRecord(ofY, 'binary')]);
      const idOf = (e: typeof ofX) => String(e.data.waitlistEntryId);
      for (const e of [ofX, ofY]) {
        await waitFor(
          async () =>
            (
              await system.http('waitlist-bridging', 'GET', `/api/v1/waitlist-entries/${idOf(e)}`, {
                role: 'ops',
              })
            ).status === 200,
          { timeoutMs: 20000, intervalMs: 100, description: `waitlist entry ${idOf(e)}` },
        );
      }
      const intakeX: Caller = { role: 'intake-system', org: orgX };
      const entry = (caller: Caller, id: string) =>
        system.http('waitlist-bridging', 'GET', `/api/v1/waitlist-entries/${id}`, caller);
      expect((await entry(intakeX, idOf(ofX))).status).toBe(200);
      expect((await entry(intakeX, idOf(ofY))).status).toBe(404);
      expect(routesOf(await deniedAttemptsOn('waitlist-bridging', String(ofY.data.youthRef), 1))).toEqual([
        'GET /api/v1/waitlist-entries/:waitlistEntryId 404',
      ]);
      expect((await entry({ role: 'intake-system', org: orgY }, idOf(ofY))).status).toBe(200);
      expect((await entry({ role: 'intake-system' }, idOf(ofX))).status).toBe(403);
      const listX = await system.expectHttp(
        200,
        'waitlist-bridging',
        'GET',
        `/api/v1/waitlist-entries?municipalityCode=${municipality}`,
        intakeX,
      );
      expect(listX.items.map((e: Json) => e.waitlistEntryId)).toEqual([idOf(ofX)]);
      const listOps = await system.expectHttp(
        200,
        'waitlist-bridging',
        'GET',
        `/api/v1/waitlist-entries?municipalityCode=${municipality}`,
        { role: 'ops' },
      );
      expect(listOps.items.map((e: Json) => e.waitlistEntryId).sort()).toEqual([idOf(ofX), idOf(ofY)].sort());
    });

    it('shows ops refs and aggregates in the ops console, and never a note', async () => {
      const youthRef = aYouthRef();
      await system.expectHttp(
        201,
        'referral',
        'POST',
        '/api/v1/referrals',
        { role: 'intake-system', org: orgX },
        {
          direction: 'care-to-youth-work',
          phase: 'during',
          youthRef,
          ageYears: 13,
          postcode4: '3581',
          municipalityCode: municipality,
          reason: 'leisure',
          themes: ['music'],
          note: noteOf('ops console'),
          consent: consentOf('youth-and-guardian'),
        },
      );
      const ops: Caller = { role: 'ops' };
      const flow = await waitFor(
        async () => {
          const answer = await system.http('ops-console', 'GET', `/api/v1/flows/${youthRef}`, ops);
          return answer.status === 200 && answer.text.includes('referral') ? answer : undefined;
        },
        { timeoutMs: 20000, intervalMs: 200, description: `the ops console's flow of ${youthRef}` },
      );
      expect(flow.text).toContain(youthRef);
      const reads = ACCESS_MATRIX['ops-console'].filter(
        (r) => r.method === 'GET' && !r.public && isAllowed(r, 'ops'),
      );
      const answers: { path: string; ok: boolean; text: string }[] = [];
      for (const route of reads) {
        const path = route.path.replace('{youthRef}', youthRef).replace('{id}', randomUUID());
        const { status, text } = await system.http('ops-console', 'GET', path, ops);
        // An unknown dead letter or erasure request is a 404; everything else answers 200.
        answers.push({ path, ok: status === 200 || (route.path.includes('{id}') && status === 404), text });
      }
      expect(answers.filter((a) => !a.ok).map((a) => a.path)).toEqual([]);
      expect(answers.filter((a) => a.text.includes(NOTE_MARKER)).map((a) => a.path)).toEqual([]);
    });

    it.each(SERVICE_NAMES)('records what an admin does in the audit trail of %s', async (service) => {
      const sub = `admin-${randomUUID().slice(0, 8)}`;
      const admin: Caller = { role: 'admin', sub };
      await system.expectHttp(200, service, 'GET', '/api/v1/service', admin);
      const trail = await waitFor(
        async () => {
          const page = await system.expectHttp(200, service, 'GET', `/api/v1/audit?actor=${sub}`, admin);
          return (page.items as Json[]).length > 0 ? page : undefined;
        },
        { timeoutMs: 10000, intervalMs: 200, description: `audit records of ${sub} in ${service}` },
      );
      expect(trail.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor: expect.objectContaining({ sub, role: 'admin' }),
            endpoint: expect.objectContaining({ method: 'GET', route: expect.stringContaining('service') }),
          }),
        ]),
      );
    });

    it('labels no metric of any service by municipality or another unreviewed label, after the flows above', async () => {
      const reviewed = [...METRIC_LABEL_NAMES, ...PROMETHEUS_SERIES_LABELS];
      for (const service of SERVICE_NAMES) {
        const { status, text } = await system.http(service, 'GET', '/metrics', { role: 'anonymous' });
        expect([service, status]).toEqual([service, 200]);
        expect([service, text.includes('municipality'), text.includes(municipality)]).toEqual([
          service,
          false,
          false,
        ]);
        const unreviewed = [...labelNamesOf(text)].filter((label) => !reviewed.includes(label));
        expect([service, unreviewed]).toEqual([service, []]);
      }
    });
  });
});

/** Denied: 401 without a token, 403 with the wrong role, both problem+json (under /fhir an OperationOutcome). Allowed: neither. */
function answersAsMatrixSays(route: RouteAccess, role: Role | 'anonymous', answer: HttpAnswer): boolean {
  if (isAllowed(route, role)) return answer.status !== 401 && answer.status !== 403;
  const expected = role === 'anonymous' ? 401 : 403;
  const denial = route.path.startsWith('/fhir/')
    ? answer.contentType.startsWith('application/fhir+json') &&
      answer.json?.resourceType === 'OperationOutcome'
    : answer.contentType.startsWith('application/problem+json');
  return answer.status === expected && denial;
}
