import type { IncomingHttpHeaders } from 'node:http';

/**
 * The cookies of browser sign-in. The session cookie holds only a random id: HttpOnly (no script
 * reads it), Secure, SameSite=Strict (no other site's page makes the browser send it) and, with the
 * `__Host-` prefix, bound to this exact origin and path `/`. The sign-in cookie carries the
 * encrypted state of one sign-in for ten minutes; it is SameSite=Lax, as the provider's redirect
 * back is a navigation from another site.
 */
export interface SessionCookieNames {
  session: string;
  signIn: string;
}

/** One pair per service: cookies ignore the port, so two services on one host must not share a name. */
export function sessionCookieNames(service: string, secure: boolean): SessionCookieNames {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}samenspel-${service}-session`,
    signIn: `${prefix}samenspel-${service}-sign-in`,
  };
}

export interface CookieOptions {
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
  /** Seconds; 0 removes the cookie, undefined makes it last as long as the browser. */
  maxAgeSeconds?: number;
}

/** A Set-Cookie value; `value` must be a cookie-safe token (base64url or the ciphertext of NoteCipher). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', `SameSite=${options.sameSite}`];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}

/** The value of one cookie of a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The path a sign-in returns to: a local path only (`/inbox?x=1`), never another origin
 * (`//evil.example`, `/\evil.example`, `https://…`), so the sign-in cannot be used as an open redirect.
 */
export function localReturnPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || candidate.length > 512) return fallback;
  if (!/^\/(?![/\\])[\x21-\x7E]*$/.test(candidate)) return fallback;
  return candidate;
}

/**
 * Whether a request that changes state comes from a page of `origin` itself (CSRF defence besides
 * SameSite=Strict): the browser's Fetch Metadata says `same-origin`, or its Origin is `origin`.
 * Pages here send no referrer, so browsers send `Origin: null` on their own posts; Sec-Fetch-Site,
 * which no page can set, is what they reliably say.
 */
export function comesFromOrigin(headers: IncomingHttpHeaders, origin: string): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return headers.origin === origin;
}
