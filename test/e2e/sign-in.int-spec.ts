import AxeBuilder from '@axe-core/playwright';
import { BRIDGING_EVENT_TYPES, devTeamId } from '@samenspel/contracts';
import { DEV_CLIENT_SECRET } from '@samenspel/http';
import {
  aYouthRef,
  DEV_PASSWORD,
  freePort,
  identityProviderControls,
  launchChromium,
  runIdentityProvider,
  signIn,
  signInPort,
  startService,
  TestKafka,
  waitFor,
  type ServiceUnderTest,
} from '@samenspel/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import {
  BRIDGING,
  cloudEvent,
  offered,
  serviceDb,
  tasksOf,
} from '../../apps/notification/test/notification-harness';

/** axe's serious and critical findings on a page, as `rule: targets`. */
async function seriousFaults(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself: these pages have no frames.
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * An authorization code for the workspace with the given PKCE challenge, from the provider's sign-in
 * as a browser gets it (cookies kept by hand), not exchanged yet.
 */
async function authorizationCode(
  issuer: string,
  redirectUri: string,
  challenge: string,
  username: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: { method?: string; body?: string } = {}) => {
    const res = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return res.headers.get('location') ?? '';
  };
  const query = new URLSearchParams({
    client_id: 'workspace',
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomUUID(),
    nonce: randomUUID(),
  });
  const interaction = await go(`/auth?${query}`);
  await go(interaction);
  const resume = await go(`${interaction}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password: DEV_PASSWORD }).toString(),
  });
  const back = new URL(await go(resume));
  const code = back.searchParams.get('code');
  if (!back.href.startsWith(redirectUri) || !code)
    throw new Error(`no code from the provider: ${back.origin}`);
  return code;
}

/**
 * People sign in to the team workspace and the operations console at the run's development
 * identity provider, in Debian's Chromium: the services are the confidential clients
 * (backend-for-frontend) and the browser holds only an HttpOnly session cookie.
 */
describe('sign-in to the workspace and the console through the identity provider', () => {
  const kafka = new TestKafka();
  const provider = runIdentityProvider();
  let workspace: ServiceUnderTest;
  let console_: ServiceUnderTest;
  let browser: BrowserContext;
  let db: Client;

  beforeAll(async () => {
    [workspace, console_, browser] = await Promise.all([
      startService('notification', { port: signInPort('notification') }),
      startService('ops-console', { port: signInPort('ops-console') }),
      launchChromium(),
    ]);
    db = await serviceDb(workspace.databaseName);
  }, 900000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await Promise.all([workspace, console_].map((s) => s?.dispose()));
    await kafka.close();
  });

  // A fresh browser for each test: no session here, none at the provider.
  const newPage = async () => {
    await browser.clearCookies();
    return browser.newPage();
  };

  async function signOut(page: Page): Promise<void> {
    await page.locator('[data-testid=sign-out]').click();
    await page.waitForURL((url) => url.pathname === '/auth/signed-out');
  }

  it('sends a visitor without a session to the provider, shows jw-overvecht only the Overvecht tasks, and signs out for good', async () => {
    const overvecht = aYouthRef();
    const kanaleneiland = aYouthRef();
    await kafka.produce(BRIDGING, [
      cloudEvent(BRIDGING_EVENT_TYPES.offered, overvecht, offered(overvecht, devTeamId('overvecht'))),
      cloudEvent(
        BRIDGING_EVENT_TYPES.offered,
        kanaleneiland,
        offered(kanaleneiland, devTeamId('kanaleneiland')),
      ),
    ]);
    await waitFor(async () => (await tasksOf(workspace, devTeamId('kanaleneiland'))).length > 0, {
      description: 'the tasks of both teams',
    });
    const page = await newPage();
    try {
      // (1) No session: the workspace sends the browser to the provider's sign-in page.
      await page.goto(`${workspace.baseUrl}/inbox`);
      expect(page.url().startsWith(`${provider.issuer}/`)).toBe(true);
      await page.locator('#username').waitFor();

      // (2) Signed in as jw-overvecht: only Overvecht's tasks; no token anywhere the page can see.
      await signIn(page, 'jw-overvecht');
      expect(page.url()).toBe(`${workspace.baseUrl}/inbox`);
      await page.waitForSelector('body[data-live=true]');
      await waitFor(async () => (await page.locator('[data-testid=task]').count()) > 0, {
        description: 'task cards',
      });
      const teamOf = await page.evaluate(() =>
        fetch('/api/v1/tasks?status=open,claimed&limit=200')
          .then((r) => r.json() as Promise<{ items: { teamId: string }[] }>)
          .then((p) => [...new Set(p.items.map((t) => t.teamId))]),
      );
      expect(teamOf).toEqual([devTeamId('overvecht')]);
      const [cookie] = (await browser.cookies(workspace.baseUrl)).filter((c) =>
        c.name.includes('notification'),
      );
      expect(cookie).toMatchObject({
        name: '__Host-samenspel-notification-session',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        path: '/',
      });
      expect(await page.evaluate('document.cookie')).not.toContain('samenspel-notification-session');
      expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toMatch(
        /eyJ/,
      );

      // A change with the session from another origin is refused (CSRF), from the page it is not.
      const foreign = await fetch(`${workspace.baseUrl}/api/v1/tasks/${randomUUID()}/claim`, {
        method: 'POST',
        headers: { cookie: `${cookie.name}=${cookie.value}`, origin: 'https://evil.example' },
      });
      expect(foreign.status).toBe(403);

      // (3) Signed out: the session is gone here and at the provider; the page asks to sign in again.
      await signOut(page);
      expect(await page.locator('h1').textContent()).toBe('Je bent afgemeld');
      expect(await seriousFaults(page)).toEqual([]);
      await page.goto(`${workspace.baseUrl}/inbox`);
      expect(page.url().startsWith(`${provider.issuer}/`)).toBe(true);
      await page.locator('#username').waitFor();
      const stolen = await fetch(`${workspace.baseUrl}/api/v1/tasks`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      expect(stolen.status).toBe(401);

      const { rows } = await db.query(
        `SELECT action, outcome, actor_sub FROM audit_record WHERE resource_type = 'session' ORDER BY id`,
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { action: 'create', outcome: 'success', actor_sub: 'jw-overvecht' },
          { action: 'delete', outcome: 'success', actor_sub: 'jw-overvecht' },
        ]),
      );
    } finally {
      await page.close();
    }
  });

  it('lets ops into the console and out again, and shows a youth worker the 403 page', async () => {
    const page = await newPage();
    try {
      await page.goto(`${console_.baseUrl}/`);
      expect(page.url().startsWith(`${provider.issuer}/`)).toBe(true);
      await signIn(page, 'ops');
      await page.waitForSelector('#main[data-loaded=overview]');
      await signOut(page);
      await page.goto(`${console_.baseUrl}/`);
      expect(page.url().startsWith(`${provider.issuer}/`)).toBe(true);

      await signIn(page, 'jw-overvecht');
      const answer = await page.goto(`${console_.baseUrl}/`);
      expect(answer?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('Geen toegang');
      expect(await seriousFaults(page)).toEqual([]);
      await page.locator('button.sign-out').click();
      await page.waitForURL((url) => url.pathname === '/auth/signed-out');
    } finally {
      await page.close();
    }
  });

  it('refuses a replayed authorization code and a wrong PKCE verifier at the provider', async () => {
    const page = await newPage();
    try {
      // Capture the provider's redirect back, with the browser's sign-in cookie, as an attacker would.
      let callback: { url: string; cookie: string } | undefined;
      page.on('request', (request) => {
        if (request.url().startsWith(`${workspace.baseUrl}/auth/callback`)) {
          void request
            .allHeaders()
            .then((headers) => (callback = { url: request.url(), cookie: headers.cookie }));
        }
      });
      await page.goto(`${workspace.baseUrl}/inbox`);
      await signIn(page, 'jw-kanaleneiland');
      await waitFor(async () => callback !== undefined, { description: 'the captured callback' });
      const replay = await fetch(callback!.url, {
        headers: { cookie: callback!.cookie, accept: 'text/html' },
      });
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain('Aanmelden is niet gelukt');
      await signOut(page);

      // Codes for the workspace, exchanged with a verifier other than the one their challenge was made from.
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const redirectUri = `${workspace.baseUrl}/auth/callback`;
      const exchange = async (code: string, codeVerifier: string) =>
        fetch(`${provider.issuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            code_verifier: codeVerifier,
            client_id: 'workspace',
            client_secret: DEV_CLIENT_SECRET,
          }),
        });
      const wrong = await exchange(
        await authorizationCode(provider.issuer, redirectUri, challenge, 'jw-kanaleneiland'),
        randomBytes(32).toString('base64url'),
      );
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
      const right = await exchange(
        await authorizationCode(provider.issuer, redirectUri, challenge, 'jw-kanaleneiland'),
        verifier,
      );
      expect(right.status).toBe(200);
      const refused = await db.query(
        `SELECT count(*)::int AS n FROM audit_record WHERE resource_type = 'session' AND outcome = 'denied'`,
      );
      expect(refused.rows[0].n).toBeGreaterThanOrEqual(1);
    } finally {
      await page.close();
    }
  });

  it('ends the live-update stream of a tab at once when another tab signs out', async () => {
    const streaming = await newPage();
    const other = await browser.newPage();
    try {
      await streaming.goto(`${workspace.baseUrl}/inbox`);
      await signIn(streaming, 'jw-overvecht');
      await streaming.waitForSelector('body[data-live=true]');
      await other.goto(`${workspace.baseUrl}/inbox`);
      await other.waitForSelector('body[data-live=true]');

      const signedOutAt = Date.now();
      await signOut(other);
      // Well within the stream's 30 s re-check: the sign-out itself ended it, and the page asked once.
      await waitFor(async () => new URL(streaming.url()).pathname === '/auth/expired', {
        description: 'the other tab on the expired page',
        timeoutMs: 10000,
      });
      expect(Date.now() - signedOutAt).toBeLessThan(10000);
      expect(await streaming.locator('h1').textContent()).toBe('Je sessie is verlopen');
    } finally {
      await Promise.all([streaming.close(), other.close()]);
    }
  });

  it('answers a sign-in while the provider is down with 503: problem+json for a client, a Dutch page for a browser', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const cut = await startService('notification', {
      env: { AUTH_ISSUER: down, AUTH_JWKS_URL: `${down}/jwks` },
    });
    const page = await newPage();
    try {
      const problem = await fetch(`${cut.baseUrl}/auth/login`, { headers: { accept: 'application/json' } });
      expect(problem.status).toBe(503);
      expect(problem.headers.get('content-type')).toContain('application/problem+json');
      expect(await problem.json()).toMatchObject({ status: 503 });
      const answer = await page.goto(`${cut.baseUrl}/inbox`);
      expect(answer?.status()).toBe(503);
      expect(await page.locator('h1').textContent()).toBe('Aanmelden lukt nu niet');
      expect(await seriousFaults(page)).toEqual([]);
    } finally {
      await page.close();
      await cut.dispose();
    }
  });

  describe('with a short idle timeout and a refresh on every request', () => {
    let short: ServiceUnderTest;
    let shortWorkspace: ServiceUnderTest;

    beforeAll(async () => {
      // The workspace's database goes with it.
      await db.end();
      await Promise.all([console_.dispose(), workspace.dispose()]);
      [short, shortWorkspace] = await Promise.all([
        startService('ops-console', {
          port: signInPort('ops-console'),
          // Access tokens live an hour: with a margin of 3599 s each request refreshes first.
          env: { SESSION_IDLE_TIMEOUT_SECONDS: '4', SESSION_REFRESH_BEFORE_EXPIRY_SECONDS: '3599' },
        }),
        startService('notification', {
          port: signInPort('notification'),
          env: { SESSION_IDLE_TIMEOUT_SECONDS: '4' },
        }),
      ]);
    }, 120000);

    afterAll(async () => {
      await Promise.all([short, shortWorkspace].map((s) => s?.dispose()));
    });

    it('lands the workspace on the expired page after the idle time although live events keep arriving', async () => {
      const page = await newPage();
      const quiet: string[] = [];
      page.on('request', (request) => {
        if (request.headers()['x-samenspel-background'] === '1') quiet.push(request.url());
      });
      try {
        await page.goto(`${shortWorkspace.baseUrl}/inbox`);
        await signIn(page, 'jw-overvecht');
        await page.waitForSelector('body[data-live=true]');
        // A new Overvecht task every round until the page gives up: the reloads they cause are the page's own.
        await waitFor(
          async () => {
            const youthRef = aYouthRef();
            await kafka.produce(BRIDGING, [
              cloudEvent(BRIDGING_EVENT_TYPES.offered, youthRef, offered(youthRef, devTeamId('overvecht'))),
            ]);
            return new URL(page.url()).pathname === '/auth/expired';
          },
          { description: 'the expired page despite live events', timeoutMs: 15000, intervalMs: 500 },
        );
        expect(quiet.some((url) => url.includes('/api/v1/tasks?'))).toBe(true);
        expect(await page.locator('h1').textContent()).toBe('Je sessie is verlopen');
      } finally {
        await page.close();
      }
    });

    const stamps = async (name: string): Promise<string[]> => {
      const shortDb = await serviceDb(short.databaseName);
      try {
        const { rows } = await shortDb.query(`SELECT access_expires_at::text AS at FROM web_session`);
        return rows.map((r: { at: string }) => `${name}:${r.at}`);
      } finally {
        await shortDb.end();
      }
    };

    it('refreshes the access token, ends an idle session with the expired page, and ends a disabled user’s at the next refresh', async () => {
      const page = await newPage();
      const controls = identityProviderControls(provider);
      try {
        await page.goto(`${short.baseUrl}/`);
        await signIn(page, 'ops');
        await page.waitForSelector('#main[data-loaded=overview]');
        const before = await stamps('s');
        await waitFor(
          async () => {
            await page.evaluate(() => fetch('/api/v1/flow-counts').then((r) => r.status));
            return (await stamps('s')).join() !== before.join();
          },
          { description: 'a refreshed access token', timeoutMs: 10000 },
        );

        // Idle: no request for longer than 4 s, then the page is the expired page.
        const idleSince = Date.now();
        await waitFor(async () => Date.now() - idleSince > 4500, {
          description: '4 s idle',
          timeoutMs: 10000,
        });
        await page.goto(`${short.baseUrl}/`);
        expect(new URL(page.url()).pathname).toBe('/auth/expired');
        expect(await page.locator('h1').textContent()).toBe('Je sessie is verlopen');
        expect(await seriousFaults(page)).toEqual([]);

        // Disabled at the provider: the next refresh is refused and the session ends.
        await page.locator('a.button').click();
        await signIn(page, 'ops');
        await page.waitForSelector('#main[data-loaded=overview]');
        await controls.disableUser('ops');
        // The token of the sign-in is refreshed once it is a second old (margin 3599 s of 3600 s).
        const statuses: number[] = [];
        await waitFor(
          async () => {
            statuses.push(await page.evaluate(() => fetch('/api/v1/flow-counts').then((r) => r.status)));
            return statuses.at(-1) !== 200;
          },
          { description: 'the refused refresh', timeoutMs: 10000 },
        );
        expect(statuses.at(-1)).toBe(401);
        await page.goto(`${short.baseUrl}/`);
        expect(new URL(page.url()).pathname).toBe('/auth/expired');
      } finally {
        await controls.enableUser('ops');
        await page.close();
      }
    });
  });
});
