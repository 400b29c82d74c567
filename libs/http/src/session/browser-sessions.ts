import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/principal';
import type { TokenVerifier } from '../auth/token-verifier';
import { publicBaseUrl } from '../config/base-service-config';
import {
  GrantRefusedError,
  type OidcRelyingParty,
  type PendingSignIn,
  type SessionTokens,
} from './oidc-relying-party';
import { readCookie, serializeCookie, sessionCookieNames, type SessionCookieNames } from './session-cookies';
import {
  countsAsActivity,
  judgeSession,
  streamRecheckDelay,
  type SessionLimits,
  type SessionTimes,
} from './session-lifetime';
import type { SessionSettings, SessionTokenCipher } from './session-settings';
import { newSessionId, type WebSessionStore } from './web-session.store';

/** The pending sign-in's ciphertext is bound to this context. */
const SIGN_IN_CONTEXT = 'samenspel.web-session.sign-in';
/** How long a person may take at the provider's sign-in page. */
const SIGN_IN_SECONDS = 600;
/** How often an open live-update stream checks that its session still holds, at the latest. */
export const STREAM_RECHECK_SECONDS = 30;

/** `none`: no session cookie; `ended`: a cookie whose session is over (idle, lifetime, refresh refused). */
export type SessionAccess =
  { kind: 'none' } | { kind: 'ended'; clearCookie: string } | { kind: 'active'; accessToken: string };

export interface CompletedSignIn {
  subject: string;
  role?: string;
  returnTo: string;
  setCookies: string[];
}

/**
 * The browser sessions of one service (backend-for-frontend): a sign-in becomes a server-side
 * session whose tokens never reach the browser, which holds only the session cookie. Every request
 * with the cookie gets the session's access token, refreshed shortly before it expires; a session
 * idle too long, past its lifetime, or whose refresh the provider refuses, has ended.
 */
export class BrowserSessions {
  readonly cookies: SessionCookieNames;
  /** This service's own origin, the only one a state-changing request with the session may come from. */
  readonly origin: string;
  private readonly limits: SessionLimits;
  private readonly secure: boolean;
  /** One refresh per session at a time: a provider that rotates refresh tokens refuses the second. */
  private readonly refreshing = new Map<string, Promise<SessionTokens>>();
  /** The ends of the open live-update streams in this instance, by session id. */
  private readonly streams = new Map<string, Set<() => void>>();

  constructor(
    service: string,
    settings: SessionSettings,
    private readonly store: WebSessionStore,
    private readonly party: OidcRelyingParty,
    private readonly cipher: SessionTokenCipher,
    private readonly verifier: TokenVerifier,
  ) {
    this.secure = settings.SESSION_COOKIE_SECURE;
    this.origin = new URL(publicBaseUrl(settings)).origin;
    this.cookies = sessionCookieNames(service, this.secure);
    this.limits = {
      idleSeconds: settings.SESSION_IDLE_TIMEOUT_SECONDS,
      maxLifetimeSeconds: settings.SESSION_MAX_LIFETIME_SECONDS,
      refreshBeforeSeconds: settings.SESSION_REFRESH_BEFORE_EXPIRY_SECONDS,
    };
  }

  /** Whether the request carries this service's session cookie. */
  hasCookie(req: IncomingMessage): boolean {
    return this.sessionId(req) !== undefined;
  }

  /** Where to send the browser to sign in, and the cookie that remembers this sign-in. */
  async startSignIn(returnTo: string): Promise<{ location: string; setCookie: string }> {
    const { url, pending } = await this.party.startSignIn(returnTo);
    const sealed = this.cipher.encrypt(JSON.stringify(pending), SIGN_IN_CONTEXT);
    return {
      location: url.href,
      setCookie: serializeCookie(this.cookies.signIn, sealed, {
        secure: this.secure,
        sameSite: 'Lax',
        maxAgeSeconds: SIGN_IN_SECONDS,
      }),
    };
  }

  /** The provider's redirect back: the code becomes a session. GrantRefusedError when it must not. */
  async completeSignIn(req: IncomingMessage): Promise<CompletedSignIn> {
    const pending = this.pendingSignIn(req);
    const query = new URL(req.url ?? '/', 'http://callback').search;
    const tokens = await this.party.completeSignIn(new URL(this.party.redirectUri + query), pending);
    const id = newSessionId();
    const now = new Date();
    await this.store.create(
      id,
      {
        subject: tokens.subject,
        tokens,
        accessExpiresAt: tokens.accessExpiresAt,
        createdAt: now,
        lastSeenAt: now,
      },
      new Date(now.getTime() + this.limits.maxLifetimeSeconds * 1000),
    );
    return {
      subject: tokens.subject,
      role: await this.roleOf(tokens.accessToken),
      returnTo: pending.returnTo,
      setCookies: [
        serializeCookie(this.cookies.session, id, { secure: this.secure, sameSite: 'Strict' }),
        this.clearing(this.cookies.signIn),
      ],
    };
  }

  /** The Set-Cookie that removes the session cookie. */
  clearSessionCookie(): string {
    return this.clearing(this.cookies.session);
  }

  /** The Set-Cookie that removes the pending sign-in, for a callback that failed. */
  clearSignInCookie(): string {
    return this.clearing(this.cookies.signIn);
  }

  /**
   * The access token of the request's session, refreshed when it is about to expire. Only a request
   * that counts as activity (countsAsActivity) moves the session's last-seen time. Throws
   * ProviderUnavailableError when a refresh is due and the provider cannot be reached.
   */
  async access(req: IncomingMessage): Promise<SessionAccess> {
    const access = await this.check(req, countsAsActivity(req.headers));
    return access.kind === 'active' ? { kind: 'active', accessToken: access.accessToken } : access;
  }

  /**
   * Calls `end` once the session of a live-update stream's request has ended: checked every
   * STREAM_RECHECK_SECONDS and at the moment it would idle out or reach its lifetime, and at once
   * when it is signed out in this instance. The checks are not activity. Returns what stops watching.
   */
  watch(req: IncomingMessage, end: () => void, intervalSeconds = STREAM_RECHECK_SECONDS): () => void {
    const id = this.sessionId(req);
    if (!id) {
      queueMicrotask(end);
      return () => undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    let watching = true;
    const ends = this.streams.get(id) ?? new Set<() => void>();
    this.streams.set(id, ends);
    const stop = () => {
      watching = false;
      clearTimeout(timer);
      ends.delete(finish);
      if (ends.size === 0 && this.streams.get(id) === ends) this.streams.delete(id);
    };
    const finish = () => {
      if (!watching) return;
      stop();
      end();
    };
    let known: Pick<SessionTimes, 'createdAt' | 'lastSeenAt'> | undefined;
    const recheck = async () => {
      try {
        const access = await this.check(req, false);
        if (access.kind !== 'active') return finish();
        known = access.times;
      } catch {
        // The provider is unreachable for a due refresh: the stream holds until the next check.
      }
      if (!watching) return;
      const delay = known
        ? streamRecheckDelay(known, new Date(), this.limits, intervalSeconds)
        : intervalSeconds * 1000;
      timer = setTimeout(() => void recheck(), delay);
      timer.unref();
    };
    ends.add(finish);
    void recheck();
    return stop;
  }

  /** Deletes the sessions that have ended without a request to notice it; returns how many. */
  sweepEnded(now = new Date()): Promise<number> {
    return this.store.deleteEnded(now, new Date(now.getTime() - this.limits.idleSeconds * 1000));
  }

  /** Ends the request's session; returns its subject and where the provider ends its own session. */
  async signOut(req: IncomingMessage): Promise<{ subject?: string; location?: string; clearCookie: string }> {
    const id = this.sessionId(req);
    const session = id ? await this.store.find(id) : undefined;
    if (id) {
      await this.store.delete(id);
      for (const end of [...(this.streams.get(id) ?? [])]) end();
    }
    const endSession = session ? await this.party.endSessionUrl(session.tokens.idToken) : undefined;
    return { subject: session?.subject, location: endSession?.href, clearCookie: this.clearSessionCookie() };
  }

  /**
   * The verified principal of the request's session with its access token, or why there is none.
   * Throws as TokenVerifier does when the token itself is refused.
   */
  async principalOf(
    req: IncomingMessage,
  ): Promise<
    Exclude<SessionAccess, { kind: 'active' }> | { kind: 'active'; accessToken: string; principal: Principal }
  > {
    const access = await this.access(req);
    if (access.kind !== 'active') return access;
    return { ...access, principal: await this.verifier.verify(access.accessToken) };
  }

  private async check(
    req: IncomingMessage,
    activity: boolean,
  ): Promise<
    | Exclude<SessionAccess, { kind: 'active' }>
    | { kind: 'active'; accessToken: string; times: Pick<SessionTimes, 'createdAt' | 'lastSeenAt'> }
  > {
    const id = this.sessionId(req);
    if (!id) return { kind: 'none' };
    const ended = { kind: 'ended', clearCookie: this.clearSessionCookie() } as const;
    const session = await this.store.find(id);
    if (!session) return ended;
    const now = new Date();
    const verdict = judgeSession(session, now, this.limits);
    if (verdict === 'ended-idle' || verdict === 'ended-lifetime') {
      await this.store.delete(id);
      return ended;
    }
    let tokens = session.tokens;
    if (verdict === 'refresh') {
      try {
        tokens = await this.refreshOnce(id, tokens);
      } catch (error) {
        if (!(error instanceof GrantRefusedError)) throw error;
        await this.store.delete(id);
        return ended;
      }
    }
    if (activity) await this.store.touch(id, now);
    const lastSeenAt = activity ? now : session.lastSeenAt;
    return {
      kind: 'active',
      accessToken: tokens.accessToken,
      times: { createdAt: session.createdAt, lastSeenAt },
    };
  }

  /** The role of an access token for the audit trail, or undefined when it has none Samenspel knows. */
  private async roleOf(accessToken: string): Promise<string | undefined> {
    return this.verifier.verify(accessToken).then(
      (principal) => principal.role,
      () => undefined,
    );
  }

  private refreshOnce(id: string, tokens: SessionTokens): Promise<SessionTokens> {
    const running = this.refreshing.get(id);
    if (running) return running;
    const refresh = (async () => {
      // A request that read the session before another one's refresh finished has the old tokens.
      const current = (await this.store.find(id))?.tokens;
      if (current && current.accessToken !== tokens.accessToken) return current;
      if (!tokens.refreshToken) throw new GrantRefusedError('The session has no refresh token');
      const fresh = await this.party.refresh(tokens.refreshToken, tokens);
      await this.store.replaceTokens(id, fresh);
      return fresh;
    })().finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, refresh);
    return refresh;
  }

  private pendingSignIn(req: IncomingMessage): PendingSignIn {
    const sealed = readCookie(req.headers.cookie, this.cookies.signIn);
    if (!sealed) throw new GrantRefusedError('No sign-in is in progress in this browser');
    try {
      return JSON.parse(this.cipher.decrypt(sealed, SIGN_IN_CONTEXT)) as PendingSignIn;
    } catch (error) {
      throw new GrantRefusedError('The sign-in cookie does not authenticate', { cause: error });
    }
  }

  private sessionId(req: IncomingMessage): string | undefined {
    const id = readCookie(req.headers.cookie, this.cookies.session);
    return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
  }

  private clearing(name: string): string {
    return serializeCookie(name, '', { secure: this.secure, sameSite: 'Strict', maxAgeSeconds: 0 });
  }
}
