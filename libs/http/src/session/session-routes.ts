import { ServiceUnavailableException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { toProblem } from '../problem/problem-mapper';
import type { BrowserSessions } from './browser-sessions';
import { GrantRefusedError, ProviderUnavailableError } from './oidc-relying-party';
import { comesFromOrigin, localReturnPath } from './session-cookies';
import {
  continuePage,
  expiredPage,
  providerDownPage,
  signedOutPage,
  signInRefusedPage,
  type SessionPage,
} from './session-pages';
import type { SignInAudit } from './session-settings';

const PROVIDER_DOWN = 'The identity provider cannot be reached; try signing in again in a few minutes';

/** The routes of browser sign-in, outside the API prefix. */
export interface SessionRouteOptions {
  sessions: BrowserSessions;
  /** The page a sign-in lands on without a return path, e.g. `/inbox`. */
  landingPath: string;
  /** This service's own origin: a sign-out must come from a page of it. */
  origin: string;
  audit?: SignInAudit;
}

type Route = (req: Request, res: Response) => Promise<void> | void;

/** GET /auth/login, GET /auth/callback, POST /auth/logout, GET /auth/expired and GET /auth/signed-out. */
export function sessionRoutes(
  options: SessionRouteOptions,
): { method: 'get' | 'post'; path: string; handle: Route }[] {
  const { sessions, landingPath, audit } = options;
  const signInHref = (returnTo: string) => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  const returnOf = (req: Request) => localReturnPath(req.query.returnTo, landingPath);

  const login: Route = async (req, res) => {
    const returnTo = returnOf(req);
    try {
      const { location, setCookie } = await sessions.startSignIn(returnTo);
      res.set({ 'cache-control': 'no-store', 'set-cookie': setCookie }).redirect(302, location);
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      providerDown(req, res, signInHref(returnTo));
    }
  };

  const callback: Route = async (req, res) => {
    try {
      const signedIn = await sessions.completeSignIn(req);
      await audit?.record({
        kind: 'sign-in',
        subject: signedIn.subject,
        role: signedIn.role,
        route: '/auth/callback',
        statusCode: 200,
      });
      res.set('set-cookie', signedIn.setCookies);
      send(res, continuePage(signedIn.returnTo));
    } catch (error) {
      res.set('set-cookie', sessions.clearSignInCookie());
      if (error instanceof ProviderUnavailableError) return providerDown(req, res, signInHref(landingPath));
      if (!(error instanceof GrantRefusedError)) throw error;
      await audit?.record({ kind: 'sign-in-refused', route: '/auth/callback', statusCode: 400 });
      send(res, signInRefusedPage(signInHref(landingPath)));
    }
  };

  const logout: Route = async (req, res) => {
    // The session cookie is SameSite=Strict; the origin check is a second, independent defence.
    if (!comesFromOrigin(req.headers, options.origin)) {
      res.status(403).type('text/plain').send('A sign-out must come from a page of this service');
      return;
    }
    const ended = await sessions.signOut(req);
    if (ended.subject) {
      await audit?.record({
        kind: 'sign-out',
        subject: ended.subject,
        route: '/auth/logout',
        statusCode: 200,
      });
    }
    res.set('set-cookie', ended.clearCookie);
    send(res, continuePage(ended.location ?? '/auth/signed-out'));
  };

  const expired: Route = (req, res) => send(res, expiredPage(signInHref(returnOf(req))));

  const signedOut: Route = (_req, res) => send(res, signedOutPage(signInHref(landingPath)));

  return [
    { method: 'get', path: '/auth/login', handle: login },
    { method: 'get', path: '/auth/callback', handle: callback },
    { method: 'post', path: '/auth/logout', handle: logout },
    { method: 'get', path: '/auth/expired', handle: expired },
    { method: 'get', path: '/auth/signed-out', handle: signedOut },
  ];
}

/** A browser gets the Dutch page; an API client (curl) a problem+json. */
function providerDown(req: Request, res: Response, signInHref: string): void {
  if (req.accepts(['text/html', 'application/json']) === 'text/html') {
    send(res, providerDownPage(signInHref));
    return;
  }
  const problem = toProblem(new ServiceUnavailableException(PROVIDER_DOWN), req.path);
  res
    .status(503)
    .set({ 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '30' })
    .send(JSON.stringify(problem));
}

/** Sends a page of the sign-in flow: never cached, its own CSP, no referrer. */
export function send(res: Response, page: SessionPage): void {
  res
    .status(page.status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': page.csp,
    })
    .send(page.html);
}
