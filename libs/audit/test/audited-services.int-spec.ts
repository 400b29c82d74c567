import type { Role } from '@samenspel/http';
import {
  aUniqueName,
  authHeader,
  aYouthRef,
  startService,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { ActivityApi } from '../../../apps/activity/test/activity-harness';

// Responses are read as loose JSON; assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

interface Caller {
  role: Role;
  sub: string;
  teamId?: string;
  org?: string;
}

async function call(sut: ServiceUnderTest, method: string, path: string, as: Caller, body?: unknown) {
  const { role, ...claims } = as;
  const res = await fetch(`${sut.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(await authHeader(role, claims)),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
}

const admin: Caller = { role: 'admin', sub: 'u-auditor' };

/** The audit records of a service, newest first, as an admin reads them. */
async function auditTrail(sut: ServiceUnderTest, query: Record<string, string>): Promise<Json[]> {
  const reply = await call(sut, 'GET', `/audit?${new URLSearchParams(query)}`, admin);
  expect(reply.status).toBe(200);
  return reply.body.items as Json[];
}

/** A referral to youth work, with valid consent, for the youngster. */
const aReferralBody = (youthRef: string) => ({
  direction: 'care-to-youth-work',
  phase: 'during',
  youthRef,
  ageYears: 14,
  postcode4: '3581',
  municipalityCode: 'GM0344',
  reason: 'leisure',
  themes: ['music'],
  consent: { youthWork: true, givenBy: 'youth-and-guardian', givenAt: new Date().toISOString() },
});

describe('the audit trail of running services', () => {
  let referral: ServiceUnderTest;
  let activity: ServiceUnderTest;

  beforeAll(async () => {
    [referral, activity] = await Promise.all([startService('referral'), startService('activity')]);
  }, 120000);

  afterAll(async () => {
    await Promise.all([referral?.dispose(), activity?.dispose()]);
  });

  it('records the creation and the read of a referral: who, role, what, when and the endpoint', async () => {
    const youthRef = aYouthRef();
    const org = aUniqueName('zorg');
    const started = Date.now();
    const created = await call(
      referral,
      'POST',
      '/referrals',
      { role: 'intake-system', sub: 'u-intake-writer', org },
      aReferralBody(youthRef),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const read = await call(referral, 'GET', `/referrals/${id}`, {
      role: 'intake-system',
      sub: 'u-intake-reader',
      org,
    });
    expect(read.status).toBe(200);

    const [readRecord, createRecord] = await auditTrail(referral, { subject: youthRef });
    // A successful call of the intake system about this referral, as its audit record states it.
    const intakeRecord = (
      sub: string,
      action: string,
      method: string,
      route: string,
      statusCode: number,
    ) => ({
      actor: { sub, role: 'intake-system', org },
      action,
      resource: { type: 'referral', id },
      subjectRef: youthRef,
      endpoint: { method, route },
      statusCode,
      outcome: 'success',
    });
    expect(createRecord).toMatchObject(
      intakeRecord('u-intake-writer', 'create', 'POST', '/api/v1/referrals', 201),
    );
    expect(readRecord).toMatchObject(
      intakeRecord('u-intake-reader', 'read', 'GET', '/api/v1/referrals/:id', 200),
    );
    expect(Date.parse(readRecord.occurredAt)).toBeGreaterThanOrEqual(started - 1000);
    expect(readRecord.correlationId).toEqual(expect.any(String));
  });

  it('records a refused read of a referral as denied, naming the youngster', async () => {
    const youthRef = aYouthRef();
    const created = await call(
      referral,
      'POST',
      '/referrals',
      { role: 'intake-system', sub: 'u-intake-owner', org: aUniqueName('zorg') },
      aReferralBody(youthRef),
    );
    const outsider: Caller = { role: 'intake-system', sub: 'u-outsider', org: aUniqueName('zorg') };

    expect((await call(referral, 'GET', `/referrals/${created.body.id}`, outsider)).status).toBe(403);

    // Denied attempts are written once the response is sent.
    const denied = await waitFor(async () => {
      const items = await auditTrail(referral, { actor: 'u-outsider' });
      return items.length > 0 && items;
    });
    expect(denied).toEqual([
      expect.objectContaining({
        action: 'read',
        resource: { type: 'referral', id: created.body.id },
        subjectRef: youthRef,
        statusCode: 403,
        outcome: 'denied',
      }),
    ]);
  });

  it('records a placement change and a read of it in the activity service, and a role the route refuses', async () => {
    const api = new ActivityApi(activity);
    const teamId = await api.aTeam();
    const activityId = await api.anActivity(teamId);
    const youthRef = aYouthRef();
    const held = await api.hold(activityId, youthRef);
    expect(held.status).toBe(201);
    const placementId = held.body.id;

    const worker: Caller = { role: 'youth-worker', sub: 'u-worker', teamId };
    expect((await call(activity, 'POST', `/placements/${placementId}/confirm`, worker)).status).toBe(200);
    expect((await call(activity, 'GET', `/placements/${placementId}`, worker)).status).toBe(200);
    // ops may not hold seats: the AuthGuard refuses it before any handler runs.
    const ops: Caller = { role: 'ops', sub: aUniqueName('u-ops') };
    const refused = await call(activity, 'POST', '/placements', ops, {
      activityId,
      youthRef,
      reference: aUniqueName('ref'),
    });
    expect(refused.status).toBe(403);

    const records = await waitFor(async () => {
      const items = await auditTrail(activity, { subject: youthRef });
      return items.length === 4 && items;
    });
    expect(records.map((r) => [r.actor.role, r.action, r.endpoint.route, r.statusCode])).toEqual([
      ['ops', 'create', '/api/v1/placements', 403],
      ['youth-worker', 'read', '/api/v1/placements/:placementId', 200],
      ['youth-worker', 'update', '/api/v1/placements/:placementId/confirm', 200],
      ['service', 'create', '/api/v1/placements', 201],
    ]);
    expect(records[1]).toMatchObject({
      actor: { sub: 'u-worker', teamId },
      resource: { type: 'placement', id: placementId },
      outcome: 'success',
    });
    // A catalogue change is audited without a youngster.
    const teamCreations = await auditTrail(activity, { action: 'create', actor: 'dev-admin' });
    expect(teamCreations).toContainEqual(
      expect.objectContaining({ resource: { type: 'team', id: teamId }, subjectRef: null }),
    );
  });

  it.each([
    ['ops', {}],
    ['team-lead', { teamId: 'team-x' }],
    ['intake-system', { org: 'zorg-x' }],
    ['service', {}],
  ] as const)('answers 403 to %s on the audit trail', async (role, claims) => {
    const reply = await call(activity, 'GET', '/audit', { role, sub: `u-${role}`, ...claims });

    expect(reply.status).toBe(403);
  });

  it('audits every admin request, the reading of the audit trail included', async () => {
    const teamId = await new ActivityApi(activity).aTeam();
    const sub = aUniqueName('u-admin');
    expect((await call(activity, 'GET', `/teams/${teamId}`, { role: 'admin', sub })).status).toBe(200);
    expect((await call(activity, 'GET', '/audit?limit=1', { role: 'admin', sub })).status).toBe(200);

    const records = await auditTrail(activity, { actor: sub });
    expect(records.map((r) => [r.action, r.resource.type, r.endpoint.route])).toEqual([
      ['read', 'audit-trail', '/api/v1/audit'],
      ['read', 'teams', '/api/v1/teams/:teamId'],
    ]);
  });

  it('refuses a malformed audit query with problem+json field errors', async () => {
    const reply = await call(activity, 'GET', '/audit?action=peek&from=yesterday', admin);

    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(/action/);
    expect(JSON.stringify(reply.body)).toMatch(/from/);
  });
});
