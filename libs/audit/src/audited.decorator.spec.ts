import {
  firstOf,
  fromBody,
  fromParam,
  fromQuery,
  fromResult,
  hasValue,
  type AuditContext,
} from './audited.decorator';
import { normalizeRoute } from './audited-routes';

describe('the audit pickers', () => {
  const context: AuditContext = {
    req: {
      params: { id: 'r-1', empty: '' },
      query: { youthRef: 'yr_query0001' },
      body: { youthRef: 'yr_body00001', rank: 2 },
    },
    result: { id: 'r-2', youthRef: 'yr_result001' },
  };

  it('reads a route parameter, a query parameter, a body field and a result field', () => {
    expect(fromParam('id')(context)).toBe('r-1');
    expect(fromQuery('youthRef')(context)).toBe('yr_query0001');
    expect(fromBody('youthRef')(context)).toBe('yr_body00001');
    expect(fromResult('youthRef')(context)).toBe('yr_result001');
  });

  it('finds nothing in an empty string, a missing field or a failed request without a result', () => {
    expect(fromParam('empty')(context)).toBeUndefined();
    expect(fromParam('missing')(context)).toBeUndefined();
    expect(fromResult('youthRef')({ req: {} })).toBeUndefined();
    expect(fromBody('youthRef')({ req: { body: 'not an object' } })).toBeUndefined();
  });

  it('turns a number into text', () => {
    expect(fromBody('rank')(context)).toBe('2');
  });

  it('takes the first picker that finds a value', () => {
    expect(firstOf(fromParam('missing'), fromResult('id'), fromParam('id'))(context)).toBe('r-2');
    expect(firstOf(fromParam('missing'))(context)).toBeUndefined();
  });

  it('audits a list only when it is filtered to one youngster', () => {
    const filtered = hasValue(fromQuery('youthRef'));

    expect(filtered(context)).toBe(true);
    expect(filtered({ req: { query: { status: 'open' } } })).toBe(false);
  });
});

describe('route templates', () => {
  it.each([
    [['api/v1', 'referrals', ':id'], '/api/v1/referrals/:id'],
    [['api/v1', '/', 'flows/:youthRef'], '/api/v1/flows/:youthRef'],
    [['/api/v1/', '/teams/', ''], '/api/v1/teams'],
    [['api/v1', 'audit', '/'], '/api/v1/audit'],
  ])('joins %j as %s, as Express sees it', (parts, route) => {
    expect(normalizeRoute(...parts)).toBe(route);
  });
});
