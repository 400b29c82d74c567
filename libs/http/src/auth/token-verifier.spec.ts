import { base64url, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAdminEs256, startLocalKeySet, type LocalKeySet } from '../../test/local-key-set';
import type { AuthSettings } from './auth-settings';
import { UnknownRoleError } from './principal';
import { InvalidTokenError, JWKS_CACHE, TokenVerifier } from './token-verifier';

const ISSUER = 'samenspel-test';
const AUDIENCE = 'samenspel';
const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** Claims a service accepts: issued now, valid for five minutes. */
function validClaims(): JWTPayload {
  const now = nowInSeconds();
  return { sub: 'u-1', role: 'ops', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
}

/** An unsigned token (`alg: none`) with valid claims. */
function unsignedToken(): string {
  const encode = (part: object) => base64url.encode(JSON.stringify(part));
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(validClaims())}.`;
}

/** A token signed with a shared secret (HS256), which no identity provider's key set verifies. */
function sharedSecretToken(): Promise<string> {
  return new SignJWT(validClaims())
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-characters'));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('TokenVerifier', () => {
  let keys: LocalKeySet;
  let verifier: TokenVerifier;
  let settings: AuthSettings;
  const signClaims = (claims: JWTPayload) => keys.signPayload(claims);

  beforeAll(async () => {
    keys = await startLocalKeySet(ISSUER, AUDIENCE);
    settings = keys.settings;
    verifier = new TokenVerifier(settings);
  });
  afterAll(() => keys.close());

  it('returns the principal of a valid token', async () => {
    const token = await keys.sign({ role: 'youth-worker', teamId: 't-1', org: 'o-1', sub: 'u-1' });

    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'u-1',
      role: 'youth-worker',
      teamId: 't-1',
      org: 'o-1',
    });
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    // Expired 10 s ago; the tolerance is 30 s.
    const token = await keys.sign({ role: 'ops', expiresIn: nowInSeconds() - 10 });

    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'ops' });
  });

  it('rejects a token that expired beyond the clock tolerance as expired', async () => {
    // Expired 31 s ago: one second past the tolerance.
    const token = await keys.sign({ role: 'ops', expiresIn: nowInSeconds() - 31 });

    const error = await rejection(verifier.verify(token));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ reason: 'expired', message: 'The bearer token has expired' });
  });

  it.each<[string, () => Promise<string>]>([
    [
      'a forged signature (another key under the published kid)',
      async () => keys.signPayload(validClaims(), (await generateKeyPair('RS256')).privateKey),
    ],
    ['a shared-secret signature (HS256)', sharedSecretToken],
    ['a garbled signature', async () => `${await signClaims(validClaims())}x`],
    ['alg: none', async () => unsignedToken()],
    ['another issuer', () => signClaims({ ...validClaims(), iss: 'someone-else' })],
    ['another audience', () => signClaims({ ...validClaims(), aud: 'another-api' })],
    ['no issuer', () => signClaims({ ...validClaims(), iss: undefined })],
    ['no audience', () => signClaims({ ...validClaims(), aud: undefined })],
    ['no expiry', () => signClaims({ ...validClaims(), exp: undefined })],
    ['no issued-at (its lifetime cannot be told)', () => signClaims({ ...validClaims(), iat: undefined })],
    // Not valid before a minute from now: past the 30 s clock tolerance.
    ['a not-before in the future', () => signClaims({ ...validClaims(), nbf: nowInSeconds() + 60 })],
    ['no JWT at all', async () => 'not-a-jwt'],
  ])('rejects a token with %s as invalid', async (_case, makeToken) => {
    const error = await rejection(verifier.verify(await makeToken()));

    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ reason: 'invalid', message: 'The bearer token is invalid' });
  });

  it('accepts a token not valid before a moment within the clock tolerance', async () => {
    const token = await signClaims({ ...validClaims(), nbf: nowInSeconds() + 10 });

    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'ops' });
  });

  it.each([
    // exp - iat = 3600: exactly the maximum.
    ['exactly the maximum', 3600],
    ['a minute', 60],
  ])('accepts a token that lives %s', async (_case, lifetime) => {
    const iat = nowInSeconds();
    const token = await signClaims({ ...validClaims(), iat, exp: iat + lifetime });

    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'ops' });
  });

  it.each([
    // exp - iat = 3601: one second over the maximum of 3600.
    ['one second over the maximum', 0, 3601],
    ['ten years', 0, 10 * 365 * 24 * 3600],
    // Issued long ago but still valid: the lifetime, not the time left, counts.
    ['eight hours, issued seven hours ago', -7 * 3600, 3600],
  ])('rejects a token that lives %s as too long-lived', async (_case, iatOffset, expOffset) => {
    const now = nowInSeconds();
    const token = await signClaims({ ...validClaims(), iat: now + iatOffset, exp: now + expOffset });

    const error = await rejection(verifier.verify(token));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({
      reason: 'too-long-lived',
      message: 'The bearer token lives longer than the maximum of 3600 seconds',
    });
  });

  it('refuses a lifetime over AUTH_MAX_TOKEN_LIFETIME_SECONDS when it is set lower', async () => {
    const strict = new TokenVerifier({ ...settings, AUTH_MAX_TOKEN_LIFETIME_SECONDS: 600 });
    const token = await keys.sign({ role: 'ops', expiresIn: '15m' });

    await expect(strict.verify(token)).rejects.toMatchObject({ reason: 'too-long-lived' });
  });

  it.each([
    ['no role', { role: undefined }],
    ['an unknown role', { role: 'superuser' }],
  ])('rejects a valid token with %s as UnknownRoleError, not as an invalid token', async (_case, claims) => {
    const error = await rejection(verifier.verify(await signClaims({ ...validClaims(), ...claims })));

    expect(error).toBeInstanceOf(UnknownRoleError);
    expect(error).not.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a team role without a teamId, saying why', async () => {
    const token = await keys.sign({ role: 'team-lead' });

    await expect(verifier.verify(token)).rejects.toMatchObject({
      reason: 'invalid',
      message: 'The bearer token is invalid: a team-lead token must carry a teamId',
    });
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  const jwksSettings = {
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_CLOCK_TOLERANCE_SECONDS: 30,
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
  };
  type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
  let server: Server;
  let jwksUrl: string;
  let firstKey: KeyPair;
  let rotatedKey: KeyPair;
  /** What the JWKS endpoint serves now, and how often it was asked. */
  let published: KeyPair[];
  let fetches = 0;

  const publicJwk = async (pair: KeyPair, kid: string) => ({
    ...(await exportJWK(pair.publicKey)),
    kid,
    alg: 'ES256',
  });

  beforeAll(async () => {
    firstKey = await generateKeyPair('ES256');
    rotatedKey = await generateKeyPair('ES256');
    server = createServer((_request, response) => {
      fetches += 1;
      void Promise.all(published.map((pair) => publicJwk(pair, pair === firstKey ? 'k-1' : 'k-2'))).then(
        (keys) =>
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  beforeEach(() => {
    published = [firstKey];
    fetches = 0;
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const signEs256 = (pair: KeyPair = firstKey, kid = 'k-1') =>
    signAdminEs256(pair.privateKey, kid, ISSUER, AUDIENCE);

  it('fetches the key set again for a new kid once the cooldown has passed, without a restart', async () => {
    const verifier = new TokenVerifier({ ...jwksSettings, AUTH_JWKS_URL: jwksUrl });
    await expect(verifier.verify(await signEs256())).resolves.toMatchObject({ role: 'admin' });

    // The provider rotates its key: k-2 replaces k-1.
    published = [rotatedKey];
    const rotated = await signEs256(rotatedKey, 'k-2');
    // Within the cooldown an unknown kid does not trigger a fetch: a flood of made-up kids stays cheap.
    await expect(verifier.verify(rotated)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(fetches).toBe(1);

    // The cooldown uses Date.now; the token's own times are read from new Date() and stay real.
    const fetchedAt = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(fetchedAt + JWKS_CACHE.cooldownDurationMs + 1);
    await expect(verifier.verify(rotated)).resolves.toMatchObject({ role: 'admin' });
    expect(fetches).toBe(2);
  });

  it('uses the cached key set for known kids until its maximum age, then fetches it again', async () => {
    const verifier = new TokenVerifier({ ...jwksSettings, AUTH_JWKS_URL: jwksUrl });
    const token = await signEs256();
    await verifier.verify(token);
    await verifier.verify(token);
    expect(fetches).toBe(1);

    const fetchedAt = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(fetchedAt + JWKS_CACHE.cacheMaxAgeMs + 1);
    await verifier.verify(token);
    expect(fetches).toBe(2);
  });

  it('verifies a token signed with a key the JWKS publishes', async () => {
    const verifier = new TokenVerifier({ ...jwksSettings, AUTH_JWKS_URL: jwksUrl });

    await expect(verifier.verify(await signEs256())).resolves.toEqual({ sub: 'u-9', role: 'admin' });
  });

  it('passes on the failure to reach the JWKS endpoint instead of blaming the token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const verifier = new TokenVerifier({
      ...jwksSettings,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    });

    const error = await rejection(verifier.verify(await signEs256()));
    expect(error).not.toBeInstanceOf(InvalidTokenError);
  });
});
