import { ServiceUnavailableException } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { toAuditRow, type AuditEntry } from './audit-entry';
import type { AuditTrail } from './audit-trail';
import { fromParam, fromResult, hasValue, fromQuery, type AuditedOptions } from './audited.decorator';
import type { AuditedRoutes } from './audited-routes';
import { ActsForAnotherTeam } from '@samenspel/contracts';
import { ForbiddenError, NotFoundError } from '@samenspel/http';
import {
  auditStateOf,
  noteRefusal,
  RequestAuditor,
  setAuditSubject,
  type AuditableRequest,
} from './request-auditor';

/** An audit trail in memory, that can be told to fail like a database that is down. */
class TrailInMemory {
  readonly entries: AuditEntry[] = [];
  failing = false;
  async recordAll(entries: AuditEntry[]): Promise<void> {
    if (this.failing) throw new Error('connection refused');
    this.entries.push(...entries);
  }
}

class RoutesByTemplate {
  constructor(private readonly routes: Record<string, AuditedOptions>) {}
  lookup(method: string, route: string | undefined) {
    return this.routes[`${method} ${route}`];
  }
}

class LogLines {
  readonly errors: string[] = [];
  error(_fields: object, message: string) {
    this.errors.push(message);
  }
}

const readReferral: AuditedOptions = {
  action: 'read',
  resource: 'referral',
  id: fromParam('id'),
  subject: fromResult('youthRef'),
};

function aRequest(role: string, overrides: Partial<AuditableRequest> = {}): AuditableRequest {
  return {
    method: 'GET',
    headers: {},
    principal: { sub: `u-${role}`, role, teamId: 't-1' },
    params: { id: 'r-1' },
    query: {},
    route: { path: '/api/v1/referrals/:id' },
    ...overrides,
  } as unknown as AuditableRequest;
}

const aResponse = (statusCode: number) =>
  ({ statusCode, getHeader: () => 'corr-1' }) as unknown as ServerResponse;

describe('the request auditor', () => {
  let trail: TrailInMemory;
  let logs: LogLines;
  let sut: RequestAuditor;

  beforeEach(() => {
    trail = new TrailInMemory();
    logs = new LogLines();
    sut = new RequestAuditor(
      trail as unknown as AuditTrail,
      new RoutesByTemplate({ 'GET /api/v1/referrals/:id': readReferral }) as unknown as AuditedRoutes,
      logs as unknown as Logger,
    );
  });

  it.each([
    ['a 403 of another team (a domain error)', new ActsForAnotherTeam('youth-worker', 'yr_refused0001'), 403],
    [
      'a 403 of a scope check',
      new ForbiddenError('Not in your scope', 'forbidden', { subjectRef: 'yr_refused0001' }),
      403,
    ],
    [
      "a 404 that hides another team's record",
      new NotFoundError('No such task', 'task-not-found', { subjectRef: 'yr_refused0001', denied: true }),
      404,
    ],
  ])('records %s as denied, naming the youngster of the refused record', async (_case, error, status) => {
    const req = aRequest('youth-worker', { method: 'POST' });
    auditStateOf(req).options = { action: 'update', resource: 'task', id: fromParam('id') };

    noteRefusal(req, error);
    await sut.afterResponse(req, aResponse(status));

    expect(trail.entries.map((e) => toAuditRow(e))).toEqual([
      expect.objectContaining({ subject_ref: 'yr_refused0001', status_code: status, outcome: 'denied' }),
    ]);
  });

  it('records a 404 for a record that does not exist as failed, without a youngster', async () => {
    const req = aRequest('youth-worker', { method: 'POST' });
    auditStateOf(req).options = { action: 'update', resource: 'task', id: fromParam('id') };

    noteRefusal(req, new NotFoundError('No such task', 'task-not-found'));
    await sut.afterResponse(req, aResponse(404));

    expect(trail.entries.map((e) => toAuditRow(e))).toEqual([
      expect.objectContaining({ subject_ref: null, status_code: 404, outcome: 'failed' }),
    ]);
  });

  it('records a successful read with the youngster from the result', async () => {
    const req = aRequest('youth-worker');
    auditStateOf(req).options = sut.optionsFor(req, readReferral);

    await sut.afterSuccess(req, 200, { youthRef: 'yr_0000000001' });

    expect(trail.entries).toEqual([
      expect.objectContaining({
        actor: { sub: 'u-youth-worker', role: 'youth-worker', teamId: 't-1' },
        action: 'read',
        resourceType: 'referral',
        resourceId: 'r-1',
        subjectRef: 'yr_0000000001',
        method: 'GET',
        route: '/api/v1/referrals/:id',
        statusCode: 200,
      }),
    ]);
  });

  it('fails a read whose audit record cannot be written (fail closed)', async () => {
    const req = aRequest('youth-worker');
    auditStateOf(req).options = readReferral;
    trail.failing = true;

    await expect(sut.afterSuccess(req, 200, {})).rejects.toBeInstanceOf(ServiceUnavailableException);
    // …and does not try again once the error response is sent.
    trail.failing = false;
    await sut.afterResponse(req, aResponse(503));
    expect(trail.entries).toEqual([]);
  });

  it('lets a committed change answer when its audit record cannot be written, and logs it', async () => {
    const req = aRequest('team-lead', { method: 'POST' });
    auditStateOf(req).options = { action: 'update', resource: 'task' };
    trail.failing = true;

    await expect(sut.afterSuccess(req, 200, {})).resolves.toBeUndefined();
    expect(logs.errors).toEqual(['an audit record could not be written']);
  });

  it('records a denied attempt the guard refused, found by its route, once the response is sent', async () => {
    const req = aRequest('ops');

    await sut.afterResponse(req, aResponse(403));

    expect(trail.entries).toEqual([
      expect.objectContaining({
        action: 'read',
        resourceId: 'r-1',
        statusCode: 403,
        correlationId: 'corr-1',
      }),
    ]);
  });

  it('names the youngster a handler set before it refused', async () => {
    const req = aRequest('youth-worker');
    auditStateOf(req).options = readReferral;
    setAuditSubject(req, 'yr_0000000002');

    await sut.afterResponse(req, aResponse(403));

    expect(trail.entries[0]).toMatchObject({ subjectRef: 'yr_0000000002', statusCode: 403 });
  });

  it('records one entry per youngster of a batch route, each with its own id and status', async () => {
    const batch: AuditedOptions = {
      action: 'create',
      resource: 'placement',
      each: ({ req, result }) =>
        ((req.body as { items: { youthRef: string }[] }).items ?? []).map((item, i) => {
          const answer = (result as { results: { id?: string; status: number }[] } | undefined)?.results[i];
          return { subject: item.youthRef, id: answer?.id, statusCode: answer?.status };
        }),
    };
    const body = { items: [{ youthRef: 'yr_0000000001' }, { youthRef: 'yr_0000000002' }] };
    const req = aRequest('service', { method: 'POST', body } as Partial<AuditableRequest>);
    auditStateOf(req).options = sut.optionsFor(req, batch);

    await sut.afterSuccess(req, 200, { results: [{ id: 'p-1', status: 201 }, { status: 409 }] });

    expect(trail.entries).toEqual([
      expect.objectContaining({ subjectRef: 'yr_0000000001', resourceId: 'p-1', statusCode: 201 }),
      expect.objectContaining({ subjectRef: 'yr_0000000002', resourceId: undefined, statusCode: 409 }),
    ]);

    // Denied before the handler ran: one record per youngster named, with the response's status.
    const denied = aRequest('ops', { method: 'POST', body } as Partial<AuditableRequest>);
    auditStateOf(denied).options = batch;
    await sut.afterResponse(denied, aResponse(403));
    expect(trail.entries.slice(2)).toEqual([
      expect.objectContaining({
        subjectRef: 'yr_0000000001',
        statusCode: 403,
        actor: expect.objectContaining({ role: 'ops' }),
      }),
      expect.objectContaining({ subjectRef: 'yr_0000000002', statusCode: 403 }),
    ]);
  });

  it('records each request once', async () => {
    const req = aRequest('youth-worker');
    auditStateOf(req).options = readReferral;

    await sut.afterSuccess(req, 200, {});
    await sut.afterResponse(req, aResponse(200));

    expect(trail.entries).toHaveLength(1);
  });

  it('audits an admin on a route without @Audited, and no one else', async () => {
    const route = { path: '/api/v1/teams/:teamId' };

    await sut.afterResponse(aRequest('admin', { route }), aResponse(200));
    await sut.afterResponse(aRequest('ops', { route }), aResponse(200));

    expect(trail.entries).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ role: 'admin' }),
        action: 'read',
        resourceType: 'teams',
      }),
    ]);
  });

  it('skips a list that is not filtered to one youngster, unless an admin asked', () => {
    const list: AuditedOptions = {
      action: 'read',
      resource: 'referral',
      when: hasValue(fromQuery('youthRef')),
    };

    expect(sut.optionsFor(aRequest('youth-worker'), list)).toBeUndefined();
    expect(sut.optionsFor(aRequest('youth-worker', { query: { youthRef: 'yr_0000000003' } }), list)).toBe(
      list,
    );
    expect(sut.optionsFor(aRequest('admin', { method: 'GET' }), list)).toMatchObject({ action: 'read' });
  });

  it('leaves unauthenticated requests alone: there is no actor to record', async () => {
    await sut.afterResponse(aRequest('ops', { principal: undefined }), aResponse(401));

    expect(trail.entries).toEqual([]);
  });
});
