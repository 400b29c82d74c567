import { actionOfMethod, outcomeOf, resourceOfRoute, toAuditRow, type AuditEntry } from './audit-entry';

describe('the audit entry', () => {
  it.each([
    [200, 'success'],
    [204, 'success'],
    [304, 'success'],
    [400, 'failed'],
    [401, 'denied'],
    [403, 'denied'],
    [404, 'failed'],
    [500, 'failed'],
    [undefined, 'success'],
  ] as const)('calls status %p a %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });

  it.each([
    ['GET', 'read'],
    ['head', 'read'],
    ['POST', 'create'],
    ['PUT', 'update'],
    ['PATCH', 'update'],
    ['DELETE', 'delete'],
  ] as const)('reads %s as a %s for a route without @Audited', (method, action) => {
    expect(actionOfMethod(method)).toBe(action);
  });

  it.each([
    ['/api/v1/teams/:teamId', 'teams'],
    ['/api/v1/referrals', 'referrals'],
    ['/api/v1/:id/things', 'things'],
    ['/health/ready', 'health'],
    [undefined, 'unknown'],
  ])('names the resource of route %p %p', (route, resource) => {
    expect(resourceOfRoute(route)).toBe(resource);
  });

  const entry: AuditEntry = {
    actor: { sub: 'u-1', role: 'team-lead', teamId: 't-1' },
    action: 'update',
    resourceType: 'task',
    resourceId: 'task-1',
    subjectRef: 'yr_0123456789',
    method: 'POST',
    route: '/api/v1/tasks/:id/claim',
    statusCode: 200,
  };

  it('becomes a row with the time, the outcome its status implies and nulls for what is unknown', () => {
    const now = new Date('2026-11-27T10:00:00Z');

    expect(toAuditRow({ ...entry, statusCode: 403 }, () => now)).toEqual({
      occurred_at: now,
      actor_sub: 'u-1',
      actor_role: 'team-lead',
      actor_team: 't-1',
      actor_org: null,
      action: 'update',
      resource_type: 'task',
      resource_id: 'task-1',
      subject_ref: 'yr_0123456789',
      http_method: 'POST',
      route: '/api/v1/tasks/:id/claim',
      status_code: 403,
      outcome: 'denied',
      correlation_id: null,
      trace_id: null,
    });
  });

  it('keeps an explicit outcome, such as an erasure recorded outside HTTP', () => {
    const row = toAuditRow({
      actor: { sub: 'system', role: 'service' },
      action: 'erase',
      resourceType: 'youngster',
      outcome: 'success',
    });

    expect(row).toMatchObject({ action: 'erase', subject_ref: null, http_method: null, outcome: 'success' });
  });

  it('cuts overlong values instead of refusing the record', () => {
    // 100 dead-letter ids of 36 characters and a comma each: 3,699 characters fit the id column.
    const ids = Array.from(
      { length: 100 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );

    const row = toAuditRow({
      ...entry,
      actor: { sub: 'x'.repeat(500), role: 'ops' },
      resourceId: ids.join(','),
    });

    expect(row.actor_sub).toHaveLength(200);
    expect(row.resource_id).toHaveLength(3699);
  });
});
