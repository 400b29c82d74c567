import type { Request, Response } from 'express';
import { UnknownRoleError, type Principal } from '../auth/principal';
import type { Role } from '../auth/role';
import { InvalidTokenError } from '../auth/token-verifier';
import type { BrowserSessions } from './browser-sessions';
import { forbiddenPage, providerDownPage } from './session-pages';
import { send } from './session-routes';

export interface PageAccessOptions {
  /** Where the sign-in returns to: the page's own path. */
  returnTo: string;
  /** The roles that may use the page; absent, any known role. */
  roles?: readonly Role[];
}

/**
 * The signed-in person of a page request, or undefined once it has been answered: without a session
 * a redirect to the sign-in, with an ended one a redirect to the expired page, with a role the page
 * is not for the 403 page.
 */
export async function signedInPrincipal(
  sessions: BrowserSessions,
  req: Request,
  res: Response,
  options: PageAccessOptions,
): Promise<Principal | undefined> {
  const returnTo = encodeURIComponent(options.returnTo);
  let access: Awaited<ReturnType<BrowserSessions['principalOf']>>;
  try {
    access = await sessions.principalOf(req);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      res.set({ 'cache-control': 'no-store', 'set-cookie': sessions.clearSessionCookie() });
      res.redirect(302, `/auth/expired?returnTo=${returnTo}`);
    } else if (error instanceof UnknownRoleError) {
      send(res, forbiddenPage());
    } else {
      // The provider, or the keys to verify its tokens, cannot be reached.
      send(res, providerDownPage(`/auth/login?returnTo=${returnTo}`));
    }
    return undefined;
  }
  if (access.kind === 'none') {
    res.set('cache-control', 'no-store').redirect(302, `/auth/login?returnTo=${returnTo}`);
    return undefined;
  }
  if (access.kind === 'ended') {
    res.set({ 'cache-control': 'no-store', 'set-cookie': access.clearCookie });
    res.redirect(302, `/auth/expired?returnTo=${returnTo}`);
    return undefined;
  }
  if (options.roles && !options.roles.includes(access.principal.role)) {
    send(res, forbiddenPage());
    return undefined;
  }
  return access.principal;
}
