import {
  ClientCredentialsTokenSource,
  DEFAULT_AUTH_AUDIENCE,
  DEV_CLIENT_SECRET,
  InvalidTokenError,
  TokenSourceError,
  TokenVerifier,
  type AuthSettings,
} from '@samenspel/http';
import {
  identityProviderControls,
  launchChromium,
  runIdentityProvider,
  startTestIdentityProvider,
  waitFor,
  type TestIdentityProvider,
} from '@samenspel/testing';
import AxeBuilder from '@axe-core/playwright';
import { decodeProtectedHeader } from 'jose';
import { copyFileSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { devTeamId } from '@samenspel/contracts';
import { DEV_PASSWORD } from '../src';

const CALLBACK = 'http://127.0.0.1:3004/auth/callback';

/** A verifier as a service configures it, for the provider at `issuer`. */
function verifierFor(issuer: string, overrides: Partial<AuthSettings> = {}): TokenVerifier {
  return new TokenVerifier({
    AUTH_JWKS_URL: `${issuer}/jwks`,
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: DEFAULT_AUTH_AUDIENCE,
    AUTH_CLOCK_TOLERANCE_SECONDS: 30,
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
    ...overrides,
  });
}

const clientCredentials = (issuer: string, clientId = 'intake-simulator', clientSecret = DEV_CLIENT_SECRET) =>
  new ClientCredentialsTokenSource({ issuer, clientId, clientSecret });

/**
 * Signs in at the provider as a browser would, for the workspace client: authorization request
 * with PKCE (S256), the sign-in form, and back to the callback with a code.
 */
async function signIn(issuer: string, username: string): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const cookies = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return res;
  };
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: 'workspace',
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid profile offline_access',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  let res = await go(authorize.href);
  const page = await go(new URL(res.headers.get('location')!, issuer).href);
  const action = /action="([^"]+)"/.exec(await page.text())![1];
  res = await go(new URL(action, issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: DEV_PASSWORD }),
  });
  let location = new URL(res.headers.get('location')!, issuer);
  while (location.origin === new URL(issuer).origin) {
    res = await go(location.href);
    location = new URL(res.headers.get('location')!, issuer);
  }
  return { code: location.searchParams.get('code')!, verifier };
}

/** A token request of the workspace client; resolves with the status and the JSON answer. */
async function tokenRequest(issuer: string, grant: Record<string, string>) {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'workspace', client_secret: DEV_CLIENT_SECRET, ...grant }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const codeGrant = (code: string, verifier: string) => ({
  grant_type: 'authorization_code',
  code,
  code_verifier: verifier,
  redirect_uri: CALLBACK,
});

/**
 * The development identity provider over HTTP: the run's one (started by the global setup), and a
 * second one of this suite with another issuer and three-second tokens, whose keys and users the
 * tests change.
 */
describe('the development identity provider', () => {
  const run = runIdentityProvider();
  let own: TestIdentityProvider;

  beforeAll(async () => {
    // The same signing key as the run's provider: its tokens differ only in their issuer.
    const keysFile = `${run.keysFile}.own`;
    copyFileSync(run.keysFile, keysFile);
    own = await startTestIdentityProvider({ accessTokenTtlSeconds: 3, keysFile });
  }, 30000);
  afterAll(async () => {
    await own?.stop();
    rmSync(`${run.keysFile}.own`, { force: true });
  });

  describe('client credentials', () => {
    it('gives an intake system a token the services accept, with its role and org', async () => {
      const token = await clientCredentials(run.issuer).token();

      await expect(verifierFor(run.issuer).verify(token)).resolves.toEqual({
        sub: 'intake-simulator',
        role: 'intake-system',
        org: 'intake-simulator',
      });
    });

    it('keeps the token until shortly before it expires, then gets a new one', async () => {
      const source = clientCredentials(own.issuer);
      const first = await source.token();

      expect(await source.token()).toBe(first);
      // A three-second token is renewed 0.3 s before it expires.
      const next = await waitFor(async () => ((await source.token()) !== first ? source.token() : false), {
        timeoutMs: 6000,
        intervalMs: 200,
        description: 'a new token after the first one expired',
      });
      await expect(verifierFor(own.issuer).verify(next)).resolves.toMatchObject({ role: 'intake-system' });
    });

    it.each([
      ['a wrong client secret', 'intake-simulator', 'not-the-secret'],
      ['an unknown client', 'intake-nobody', DEV_CLIENT_SECRET],
    ])('refuses %s', async (_, clientId, secret) => {
      const refusal = clientCredentials(run.issuer, clientId, secret).token();

      await expect(refusal).rejects.toBeInstanceOf(TokenSourceError);
      await expect(refusal).rejects.toThrow(
        `the token endpoint refused client ${clientId}: 401 invalid_client`,
      );
    });
  });

  it('refuses a token of another issuer, even signed with a key the services know', async () => {
    const token = await clientCredentials(own.issuer).token();

    const refusal = verifierFor(run.issuer).verify(token);
    await expect(refusal).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(refusal).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses a token that lives longer than the maximum lifetime', async () => {
    // The run's provider issues one-hour tokens: within 3600 s, beyond 1800 s.
    const token = await clientCredentials(run.issuer).token();

    await expect(verifierFor(run.issuer).verify(token)).resolves.toMatchObject({ role: 'intake-system' });
    await expect(
      verifierFor(run.issuer, { AUTH_MAX_TOKEN_LIFETIME_SECONDS: 1800 }).verify(token),
    ).rejects.toMatchObject({ reason: 'too-long-lived' });
  });

  it('signs with a rotated key that a running verifier picks up without a restart, and still accepts the old one', async () => {
    const verifier = verifierFor(own.issuer, { AUTH_JWKS_COOLDOWN_SECONDS: 1 });
    const before = await clientCredentials(own.issuer).token();
    await verifier.verify(before);

    const kid = await identityProviderControls(own).rotateKeys();
    const after = await clientCredentials(own.issuer).token();

    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    await waitFor(() => verifier.verify(after), {
      timeoutMs: 5000,
      intervalMs: 250,
      description: 'the new kid verified',
    });
    await expect(verifier.verify(before)).resolves.toMatchObject({ sub: 'intake-simulator' });
  });

  describe('people', () => {
    it('signs a youth worker in with PKCE and issues an access token with the team, and a refresh token', async () => {
      const { code, verifier } = await signIn(own.issuer, 'jw-overvecht');
      const { status, body } = await tokenRequest(own.issuer, codeGrant(code, verifier));

      expect(status).toBe(200);
      expect(body.refresh_token).toEqual(expect.any(String));
      await expect(verifierFor(own.issuer).verify(body.access_token)).resolves.toEqual({
        sub: 'jw-overvecht',
        role: 'youth-worker',
        teamId: devTeamId('overvecht'),
      });
    });

    it('signs in through its Dutch page in Chromium, under its CSP and without serious accessibility faults', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const blocked: string[] = [];
        page.on('console', (m) => m.text().includes('Content Security Policy') && blocked.push(m.text()));
        const authorize = new URL(`${own.issuer}/auth`);
        authorize.search = new URLSearchParams({
          client_id: 'workspace',
          response_type: 'code',
          redirect_uri: CALLBACK,
          scope: 'openid profile',
          code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
          code_challenge_method: 'S256',
        }).toString();
        await page.goto(authorize.href);

        expect(await page.getAttribute('html', 'lang')).toBe('nl');
        const faults = (
          await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
            .setLegacyMode(true)
            .analyze()
        ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(faults.map((v) => v.id)).toEqual([]);

        await page.getByLabel('Gebruikersnaam').fill('ops');
        await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
        await page.getByRole('button', { name: 'Inloggen' }).click();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('klopt niet');

        await page.getByLabel('Wachtwoord').fill(DEV_PASSWORD);
        // The browser is sent on to the workspace's callback with a code (nothing need answer there).
        const [callback] = await Promise.all([
          page.waitForRequest((request) => request.url().startsWith(CALLBACK)),
          page.getByRole('button', { name: 'Inloggen' }).click(),
        ]);
        expect(new URL(callback.url()).searchParams.get('code')).toEqual(expect.any(String));
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 30000);

    it('refuses a replayed authorization code and a wrong PKCE verifier', async () => {
      const first = await signIn(own.issuer, 'lead-overvecht');
      expect((await tokenRequest(own.issuer, codeGrant(first.code, first.verifier))).status).toBe(200);
      const replay = await tokenRequest(own.issuer, codeGrant(first.code, first.verifier));

      const second = await signIn(own.issuer, 'lead-overvecht');
      const wrongVerifier = await tokenRequest(
        own.issuer,
        codeGrant(second.code, randomBytes(32).toString('base64url')),
      );

      expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
      expect([wrongVerifier.status, wrongVerifier.body.error]).toEqual([400, 'invalid_grant']);
    });

    it('refuses the refresh of a user disabled after sign-in', async () => {
      const { code, verifier } = await signIn(own.issuer, 'jw-kanaleneiland');
      const signedIn = await tokenRequest(own.issuer, codeGrant(code, verifier));
      const refreshed = await tokenRequest(own.issuer, {
        grant_type: 'refresh_token',
        refresh_token: signedIn.body.refresh_token,
      });
      expect(refreshed.status).toBe(200);

      await identityProviderControls(own).disableUser('jw-kanaleneiland');
      const refused = await tokenRequest(own.issuer, {
        grant_type: 'refresh_token',
        refresh_token: refreshed.body.refresh_token,
      });

      expect([refused.status, refused.body.error]).toEqual([400, 'invalid_grant']);
    });
  });
});
