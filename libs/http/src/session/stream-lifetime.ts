import { decodeJwt } from 'jose';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import type { BrowserSessions } from './browser-sessions';

/** setTimeout's longest delay; a bearer token lives far shorter. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `end` once what authenticated a long-lived response (a live-update stream) no longer holds:
 * a browser session that ends (BrowserSessions.watch), or a bearer token that expires. Returns what
 * stops watching, for when the response closes first.
 */
export function watchAuthentication(
  req: AuthenticatedRequest,
  sessions: BrowserSessions | undefined,
  end: () => void,
): () => void {
  // The same choice the AuthGuard made: the session cookie counts only without an Authorization header.
  if (!req.headers.authorization && sessions?.hasCookie(req)) return sessions.watch(req, end);
  const expiresAt = req.bearerToken ? decodeJwt(req.bearerToken).exp : undefined;
  if (expiresAt === undefined) return () => undefined;
  const timer = setTimeout(end, Math.min(LONGEST_TIMER_MS, Math.max(0, expiresAt * 1000 - Date.now())));
  timer.unref();
  return () => clearTimeout(timer);
}
