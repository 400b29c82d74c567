import {
  comesFromOrigin,
  localReturnPath,
  readCookie,
  serializeCookie,
  sessionCookieNames,
} from './session-cookies';

describe('session cookies', () => {
  it('names a secure pair per service with the __Host- prefix, and a plain pair without Secure', () => {
    expect(sessionCookieNames('notification', true)).toEqual({
      session: '__Host-samenspel-notification-session',
      signIn: '__Host-samenspel-notification-sign-in',
    });
    expect(sessionCookieNames('ops-console', false).session).toBe('samenspel-ops-console-session');
  });

  it('writes an HttpOnly cookie for the whole origin, Secure only when asked', () => {
    expect(serializeCookie('a', 'v', { secure: true, sameSite: 'Strict' })).toBe(
      'a=v; Path=/; HttpOnly; SameSite=Strict; Secure',
    );
    expect(serializeCookie('a', '', { secure: false, sameSite: 'Lax', maxAgeSeconds: 0 })).toBe(
      'a=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });

  it('reads one cookie of a Cookie header and nothing from a name that only starts the same', () => {
    expect(readCookie('x=1; sid=abc; sid2=def', 'sid')).toBe('abc');
    expect(readCookie('sid2=def', 'sid')).toBeUndefined();
    expect(readCookie(undefined, 'sid')).toBeUndefined();
  });

  it.each([
    ['/inbox', '/inbox'],
    ['/api/v1/console/impact?period=2025-Q4', '/api/v1/console/impact?period=2025-Q4'],
    ['//evil.example/inbox', '/fallback'],
    ['/\\evil.example', '/fallback'],
    ['https://evil.example/', '/fallback'],
    ['inbox', '/fallback'],
    ['/in box', '/fallback'],
    [undefined, '/fallback'],
    [['/a', '/b'], '/fallback'],
  ])('returns to %j as %s', (candidate, expected) => {
    expect(localReturnPath(candidate, '/fallback')).toBe(expected);
  });

  it.each<[Record<string, string>, boolean]>([
    [{ 'sec-fetch-site': 'same-origin', origin: 'null' }, true],
    [{ 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:3005' }, false],
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://app.example' }, false],
    [{ origin: 'https://app.example' }, true],
    [{ origin: 'https://evil.example' }, false],
    [{}, false],
  ])('takes a change with headers %j from the own origin: %s', (headers, expected) => {
    expect(comesFromOrigin(headers, 'https://app.example')).toBe(expected);
  });
});
