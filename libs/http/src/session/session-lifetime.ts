import type { IncomingHttpHeaders } from 'node:http';

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  /** When the session's access token expires. */
  accessExpiresAt: Date;
}

export interface SessionLimits {
  idleSeconds: number;
  maxLifetimeSeconds: number;
  refreshBeforeSeconds: number;
}

/** `ended-*`: the session is over; `refresh`: usable once its access token is refreshed. */
export type SessionVerdict = 'ended-lifetime' | 'ended-idle' | 'refresh' | 'active';

/**
 * What a request may do with a session at `now`: the absolute lifetime counts from sign-in, the
 * idle time from the last request; a session whose access token expires within the refresh margin
 * (or has expired) needs a refresh first. Both ends are exclusive: at exactly the limit it has ended.
 */
export function judgeSession(session: SessionTimes, now: Date, limits: SessionLimits): SessionVerdict {
  const at = now.getTime();
  if (at >= session.createdAt.getTime() + limits.maxLifetimeSeconds * 1000) return 'ended-lifetime';
  if (at >= session.lastSeenAt.getTime() + limits.idleSeconds * 1000) return 'ended-idle';
  if (at >= session.accessExpiresAt.getTime() - limits.refreshBeforeSeconds * 1000) return 'refresh';
  return 'active';
}

/** A page marks the requests it makes on its own (reloads after a live event, periodic refreshes). */
export const BACKGROUND_REQUEST_HEADER = 'x-samenspel-background';

/**
 * Whether a request is something the person did, and so moves the session's last-seen time. A
 * request the page makes on its own carries BACKGROUND_REQUEST_HEADER; a live-update stream
 * (Accept: text/event-stream) is never activity.
 */
export function countsAsActivity(headers: IncomingHttpHeaders): boolean {
  if (String(headers[BACKGROUND_REQUEST_HEADER] ?? '') === '1') return false;
  return !String(headers.accept ?? '').includes('text/event-stream');
}

/**
 * How long (ms) an open live-update stream may run before it checks its session again: at most
 * `intervalSeconds`, and no later than the moment the session would end by idling or by lifetime.
 */
export function streamRecheckDelay(
  session: Pick<SessionTimes, 'createdAt' | 'lastSeenAt'>,
  now: Date,
  limits: Pick<SessionLimits, 'idleSeconds' | 'maxLifetimeSeconds'>,
  intervalSeconds: number,
): number {
  const endsAt = Math.min(
    session.createdAt.getTime() + limits.maxLifetimeSeconds * 1000,
    session.lastSeenAt.getTime() + limits.idleSeconds * 1000,
  );
  return Math.max(0, Math.min(intervalSeconds * 1000, endsAt - now.getTime()));
}
