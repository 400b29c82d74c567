import { randomUUID } from 'node:crypto';
import { REFERRAL_EVENT_TYPES } from '@samenspel/contracts';
import { waitFor } from '@samenspel/testing';
import { validateWithHapi } from '../../../test/fhir/hapi-validator';
import { ReferralWorld, type Caller, type Json } from './referral-world';

const T = REFERRAL_EVENT_TYPES;
const FHIR_JSON = 'application/fhir+json';
const JSON_PATCH = 'application/json-patch+json';
const SYSTEM = 'https://samenspel.nl/fhir/CodeSystem';

/** The JSON Patch of a status move, with its reason or outcome. */
function move(to: string, extra: { reasonCode?: string; outcome?: string } = {}) {
  return [
    { op: 'replace', path: '/status', value: to },
    ...(extra.reasonCode
      ? [
          {
            op: 'add',
            path: '/statusReason',
            value: { coding: [{ system: `${SYSTEM}/referral-status-reason`, code: extra.reasonCode }] },
          },
        ]
      : []),
    ...(extra.outcome
      ? [
          {
            op: 'add',
            path: '/output',
            value: [
              {
                type: { coding: [{ system: `${SYSTEM}/referral-output`, code: 'outcome' }] },
                valueCodeableConcept: {
                  coding: [{ system: `${SYSTEM}/referral-outcome`, code: extra.outcome }],
                },
              },
            ],
          },
        ]
      : []),
  ];
}

/** What an event says, without what differs between two referrals (ids, youngster, times). */
function shapeOf(event: Json) {
  const {
    referralId: _r,
    youthRef: _y,
    changedAt: _c,
    receivingTeamId: _t,
    municipalityCode: _m,
    ...data
  } = event.data as Json;
  return { type: event.type, data };
}

describe('the FHIR R4 interface of the referral service', () => {
  let world: ReferralWorld;
  ReferralWorld.forTheseSpecs((started) => (world = started));

  /** A FHIR call: a resource in, FHIR JSON out; a PATCH body is a JSON Patch. */
  function fhir(method: string, path: string, who: Caller | undefined, body?: unknown, headers = {}) {
    const contentType = method === 'PATCH' ? JSON_PATCH : FHIR_JSON;
    return world.request(method, `/fhir/${path}`, who, body, {
      ...(body === undefined ? {} : { 'content-type': contentType }),
      ...headers,
    });
  }

  /** A referral to youth work from a care system event, routed to a team of its own. */
  async function aReferral() {
    const municipality = await world.aMunicipality();
    // Teams from the activity service have UUIDs; this one's id is a FHIR id too.
    const teamId = await world.aTeamServing([municipality], `0000-team-${randomUUID()}`);
    const requested = await world.careReferralRequested({ municipalityCode: municipality });
    const youthRef = requested.data.youthRef as string;
    const referral = await world.waitForReferralOf(youthRef, 'the referral from the care system');
    return { id: referral.id as string, youthRef, teamId, team: { role: 'youth-worker' as const, teamId } };
  }

  /** Moves a Task over FHIR with the ETag last read, and answers the new Task. */
  async function patchTask(id: string, who: Caller | undefined, etag: string, patch: unknown) {
    const res = await fhir('PATCH', `Task/${id}`, who, patch, { 'if-match': etag });
    if (res.status !== 200) throw new Error(`PATCH Task/${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  const LIFE = [
    { to: 'accepted' },
    { to: 'in-progress' },
    { to: 'on-hold', reasonCode: 'unreachable' },
    { to: 'in-progress' },
    { to: 'completed', outcome: 'engaged-in-activity' },
  ];

  it('moves a referral through its whole life over FHIR alone, with the same events as the REST API', async () => {
    const [overFhir, overRest] = await Promise.all([aReferral(), aReferral()]);

    const found = await fhir(
      'GET',
      `Task?owner=Organization/${overFhir.teamId}&status=requested`,
      overFhir.team,
    );
    expect(found.body.entry.map((e: Json) => e.resource.id)).toEqual([overFhir.id]);
    let task = await fhir('GET', `Task/${overFhir.id}`, overFhir.team);
    expect(task.etag).toBe('W/"1"');
    expect(task.body).toMatchObject({
      status: 'requested',
      meta: { versionId: '1' },
      for: { identifier: { system: 'https://samenspel.nl/fhir/sid/youth-ref', value: overFhir.youthRef } },
      focus: { reference: `ServiceRequest/${overFhir.id}` },
      owner: { reference: `Organization/${overFhir.teamId}` },
    });
    for (const step of LIFE) {
      const { to, ...extra } = step;
      task = await patchTask(overFhir.id, overFhir.team, task.etag!, move(to, extra));
      expect(task.body.status).toBe(to);
      expect(task.etag).toBe(`W/"${task.body.meta.versionId}"`);
      const rest = await world.http('POST', `/referrals/${overRest.id}/transitions`, overRest.team, {
        to,
        ...extra,
      });
      expect(rest.status).toBe(200);
    }
    expect(task.body).toMatchObject({ meta: { versionId: '6' }, status: 'completed' });
    expect(task.body.output[0].valueCodeableConcept.coding[0].code).toBe('engaged-in-activity');

    // The outbox relay delivers at least once: a resent event has the id of the first sending.
    const eventsOf = (youthRef: string) =>
      waitFor(
        async () => {
          const events = [...new Map((await world.publishedAbout(youthRef)).map((e) => [e.id, e])).values()];
          return events.filter((e) => e.type === T.statusChanged).length === LIFE.length ? events : undefined;
        },
        { timeoutMs: 30000, intervalMs: 500, description: `the status changes of ${youthRef}` },
      );
    const [fhirEvents, restEvents] = await Promise.all([
      eventsOf(overFhir.youthRef),
      eventsOf(overRest.youthRef),
    ]);
    expect(fhirEvents.map(shapeOf)).toEqual(restEvents.map(shapeOf));
    expect(fhirEvents.map((e) => e.type)).toEqual([T.created, ...LIFE.map(() => T.statusChanged)]);
  });

  it('refuses an illegal move with 422, a stale If-Match with 412 and a change beyond the status, as OperationOutcomes', async () => {
    const { id, team, youthRef } = await aReferral();
    const illegal = await fhir('PATCH', `Task/${id}`, team, move('completed', { outcome: 'help-found' }));
    expect(illegal).toMatchObject({ status: 422, contentType: expect.stringContaining(FHIR_JSON) });
    expect(illegal.body.resourceType).toBe('OperationOutcome');
    expect(illegal.body.issue[0]).toMatchObject({
      severity: 'error',
      code: 'business-rule',
      details: { coding: [{ code: 'illegal-transition' }] },
    });
    expect(
      (await fhir('PATCH', `Task/${id}`, team, move('rejected'))).body.issue[0].details.coding[0].code,
    ).toBe('reason-required');
    const beyond = await fhir('PATCH', `Task/${id}`, team, [
      { op: 'replace', path: '/status', value: 'accepted' },
      { op: 'replace', path: '/intent', value: 'plan' },
    ]);
    expect(beyond.status).toBe(422);
    expect(beyond.body.issue[0].details.coding[0].code).toBe('unsupported-change');

    await patchTask(id, team, 'W/"1"', move('accepted'));
    const stale = await fhir('PATCH', `Task/${id}`, team, move('in-progress'), { 'if-match': 'W/"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.issue[0]).toMatchObject({
      code: 'conflict',
      details: { coding: [{ code: 'stale-version' }] },
    });

    expect((await fhir('PATCH', 'Task/not-a-referral', team, move('accepted'))).status).toBe(404);
    const other = { role: 'youth-worker' as const, teamId: world.aTeamId() };
    expect((await fhir('PATCH', `Task/${id}`, other, move('in-progress'))).status).toBe(403);
    expect((await fhir('PATCH', `Task/${id}`, { role: 'ops' }, move('in-progress'))).status).toBe(403);
    const published = await waitFor(
      async () => {
        const events = await world.publishedAbout(youthRef);
        return events.some((e) => e.type === T.statusChanged) ? events : undefined;
      },
      { timeoutMs: 30000, intervalMs: 500, description: `the accepted move of ${youthRef}` },
    );
    expect(published.filter((e) => e.type === T.statusChanged).map((e) => e.data.to)).toEqual(['accepted']);
  });

  it('serves the request, the consent and the team read-only, never a Patient, in FHIR JSON only', async () => {
    const { id, team, teamId, youthRef } = await aReferral();
    const request = await fhir('GET', `ServiceRequest/${id}?_format=json`, team);
    expect(request).toMatchObject({ status: 200, contentType: expect.stringContaining(FHIR_JSON) });
    expect(request.body).toMatchObject({
      status: 'active',
      intent: 'order',
      subject: { identifier: { value: youthRef } },
      reasonCode: [{ coding: [{ code: 'talent' }] }],
      performer: [{ reference: `Organization/${teamId}` }],
    });
    const consent = await fhir('GET', `Consent/${id}`, team, undefined, { accept: FHIR_JSON });
    expect(consent.body).toMatchObject({
      status: 'active',
      patient: { identifier: { value: youthRef } },
      performer: [{ identifier: { value: youthRef } }, { type: 'RelatedPerson' }],
      policyRule: { coding: [{ code: 'youth-and-guardian' }] },
    });
    const organization = await fhir('GET', `Organization/${teamId}`, team);
    expect(organization.body).toMatchObject({
      resourceType: 'Organization',
      id: teamId,
      name: `Team ${teamId}`,
    });

    expect((await fhir('GET', `Patient/${youthRef}`, { role: 'admin' })).status).toBe(404);
    expect((await fhir('PUT', `ServiceRequest/${id}`, { role: 'admin' }, request.body)).status).toBe(405);
    expect((await fhir('DELETE', `Task/${id}`, { role: 'admin' })).status).toBe(405);
    expect((await fhir('GET', `Task/${id}?_format=xml`, team)).status).toBe(406);
    expect(
      (await fhir('GET', `Task/${id}`, team, undefined, { accept: 'application/fhir+xml' })).status,
    ).toBe(406);
    const anonymous = await fhir('GET', `Task/${id}`, undefined);
    expect(anonymous).toMatchObject({ status: 401, body: { resourceType: 'OperationOutcome' } });
    expect((await fhir('GET', `Task/${id}`, { role: 'team-lead', teamId: world.aTeamId() })).status).toBe(
      403,
    );
    const opsSub = `ops-${randomUUID()}`;
    expect((await fhir('PATCH', `Task/${id}`, { role: 'ops', sub: opsSub }, move('accepted'))).status).toBe(
      403,
    );
    // Refused attempts are in the audit trail: the read by another team under the youngster, the
    // change by a role that may not change (turned away before the Task was read) under its actor.
    const audited = async (query: string) =>
      waitFor(
        async () => {
          const page = await world.http('GET', `/audit?${query}`, { role: 'admin' });
          return (page.body.items as Json[]).find((r) => r.statusCode === 403);
        },
        {
          timeoutMs: 10000,
          intervalMs: 200,
          description: `a refused FHIR call in the audit trail (${query})`,
        },
      );
    expect(await audited(`subject=${youthRef}`)).toMatchObject({
      action: 'read',
      endpoint: { method: 'GET', route: '/fhir/Task/:id' },
    });
    expect(await audited(`actor=${opsSub}`)).toMatchObject({
      action: 'update',
      resource: { type: 'referral', id },
      endpoint: { method: 'PATCH', route: '/fhir/Task/:id' },
    });
    expect((await fhir('GET', 'metadata', undefined)).body.resourceType).toBe('CapabilityStatement');
  });

  it('finds by focus and polls by _lastUpdated: a change shows up once, after the newest seen', async () => {
    const { id, team, teamId, youthRef } = await aReferral();
    const first = await fhir('GET', `Task?focus=ServiceRequest/${id}`, team);
    expect(first.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    const seen = first.body.entry[0].resource.meta.lastUpdated as string;
    const audited = await waitFor(
      async () => {
        const page = await world.http('GET', `/audit?subject=${youthRef}`, { role: 'admin' });
        return (page.body.items as Json[]).find((r) => r.endpoint.route === '/fhir/Task');
      },
      { timeoutMs: 10000, intervalMs: 200, description: 'the search by focus in the audit trail' },
    );
    expect(audited).toMatchObject({ action: 'read', resource: { type: 'referral', id }, statusCode: 200 });
    const poll = () => fhir('GET', `Task?owner=${teamId}&_lastUpdated=gt${seen}`, team);
    expect((await poll()).body.total).toBe(0);
    await patchTask(id, team, 'W/"1"', move('accepted'));
    const changed = await poll();
    expect(changed.body.entry.map((e: Json) => [e.resource.id, e.resource.status])).toEqual([
      [id, 'accepted'],
    ]);
    expect((await fhir('GET', 'Task?_lastUpdated=2026-01-01', team)).status).toBe(400);
    expect((await fhir('GET', 'Task?patient=x', team)).status).toBe(400);
  });

  it('serves only resources the HAPI FHIR validator finds no error in', async () => {
    const { id, team, teamId } = await aReferral();
    const served: Record<string, Json> = {
      capabilityStatement: (await fhir('GET', 'metadata', undefined)).body,
      taskRequested: (await fhir('GET', `Task/${id}`, team)).body,
      serviceRequest: (await fhir('GET', `ServiceRequest/${id}`, team)).body,
      consent: (await fhir('GET', `Consent/${id}`, team)).body,
      organization: (await fhir('GET', `Organization/${teamId}`, team)).body,
      operationOutcome: (
        await fhir('PATCH', `Task/${id}`, team, move('completed', { outcome: 'help-found' }))
      ).body,
    };
    let etag = 'W/"1"';
    for (const step of LIFE) {
      const { to, ...extra } = step;
      const moved = await patchTask(id, team, etag, move(to, extra));
      etag = moved.etag!;
      served[`task-${to}-${moved.body.meta.versionId}`] = moved.body;
    }
    served.searchset = (await fhir('GET', `Task?owner=Organization/${teamId}`, team)).body;

    const verdicts = await validateWithHapi(served);
    const counts = verdicts.map(({ file, resourceType, error, warning, information }) => ({
      file,
      resourceType,
      error,
      warning,
      information,
    }));
    process.stdout.write(`HAPI FHIR validator 8.6.0: ${JSON.stringify(counts)}\n`);
    expect(verdicts.map((v) => v.file).sort()).toEqual(
      Object.keys(served)
        .map((name) => `${name}.json`)
        .sort(),
    );
    const errors = verdicts.flatMap((v) =>
      v.messages.filter((m) => m.severity === 'error').map((m) => `${v.file}: ${m.location}: ${m.message}`),
    );
    expect(errors).toEqual([]);
  }, 180000);
});
