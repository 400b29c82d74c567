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
