import { assertDatabaseName, withDatabase } from './database-url';
import { isTransientInfrastructureError } from './transient-error';

describe('database URLs', () => {
  it('points a server URL at one database, keeping credentials and options', () => {
    expect(withDatabase('postgres://u:p@db.local:5433/other?sslmode=require', 'samenspel_activity')).toBe(
      'postgres://u:p@db.local:5433/samenspel_activity?sslmode=require',
    );
    expect(withDatabase('postgres://postgres@127.0.0.1:5432', 'samenspel_referral')).toBe(
      'postgres://postgres@127.0.0.1:5432/samenspel_referral',
    );
  });

  it.each(['samenspel_activity', 't_x1'])('accepts the database name %s', (name) => {
    expect(assertDatabaseName(name)).toBe(name);
  });

  it.each(['Samenspel', 'x"; DROP', '1abc', ''])('refuses the database name %p', (name) => {
    expect(() => assertDatabaseName(name)).toThrow('invalid database name');
  });
});

describe('telling a database outage from a bug', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006' }, true],
    [{ code: '40P01', message: 'deadlock detected' }, true],
    [{ message: 'Connection terminated unexpectedly' }, true],
    [{ driverError: { code: 'ECONNRESET' } }, true],
    [{ code: '0A000', message: 'cached plan must not change result type' }, true],
    [{ code: '0A000', message: 'feature not supported' }, false],
    [{ code: '23505', message: 'duplicate key value' }, false],
    [{ code: '42P01', message: 'relation does not exist' }, false],
    [new Error('induced failure'), false],
    [undefined, false],
  ])('%p is transient: %p', (error, transient) => {
    expect(isTransientInfrastructureError(error)).toBe(transient);
  });
});
