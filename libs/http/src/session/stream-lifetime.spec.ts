import type { IncomingMessage } from 'node:http';
import { SignJWT } from 'jose';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import type { BrowserSessions } from './browser-sessions';
import { watchAuthentication } from './stream-lifetime';

const NOW = new Date('2026-03-02T08:00:00Z');

async function bearerRequest(expiresInSeconds: number): Promise<AuthenticatedRequest> {
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(NOW.getTime() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode('a-test-key-of-thirty-two-bytes!!'));
  return {
    headers: { authorization: `Bearer ${token}` },
    bearerToken: token,
  } as unknown as AuthenticatedRequest;
}

describe('watchAuthentication', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('ends a bearer-token stream when its token expires, not before', async () => {
    const end = jest.fn();
    watchAuthentication(await bearerRequest(300), undefined, end);
    jest.advanceTimersByTime(299_000);
    expect(end).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(end).toHaveBeenCalledTimes(1);
  });

  it('does not end a bearer-token stream that closed first', async () => {
    const end = jest.fn();
    const stop = watchAuthentication(await bearerRequest(300), undefined, end);
    stop();
    jest.advanceTimersByTime(600_000);
    expect(end).not.toHaveBeenCalled();
  });

  it('leaves a stream opened with the session cookie to the browser sessions', () => {
    const stop = jest.fn();
    const watch = jest.fn().mockReturnValue(stop);
    const sessions = { hasCookie: () => true, watch } as unknown as BrowserSessions;
    const req = { headers: { cookie: 'c=1' } } as IncomingMessage;
    const end = jest.fn();
    expect(watchAuthentication(req, sessions, end)).toBe(stop);
    expect(watch).toHaveBeenCalledWith(req, end);
  });
});
