import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthSettings } from './auth-settings';
import { signDevToken } from './sign-dev-token';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';
const ISSUER = 'samenspel-test';
const AUDIENCE = 'samenspel';
const hs256Settings: AuthSettings = {
  JWT_SECRET: SECRET,
  AUTH_ISSUER: ISSUER,
  AUTH_AUDIENCE: AUDIENCE,
  AUTH_CLOCK_TOLERANCE_SECONDS: 30,
};
const nowInSeconds = () => Math.floor(Date.now() / 1000);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('TokenVerifier with HS256', () => {
  const verifier = new TokenVerifier(hs256Settings);

  it('returns the principal of a valid token', async () => {
    const token = await signDevToken(
      { role: 'youth-worker', teamId: 't-1', org: 'o-1', sub: 'u-1' },
      SECRET,
      ISSUER,
      AUDIENCE,
    );

    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'u-1',
      role: 'youth-worker',
      teamId: 't-1',
      org: 'o-1',
    });
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    // Expired 10 s ago; the tolerance is 30 s.
    const token = await signDevToken(
      { role: 'ops', expiresIn: nowInSeconds() - 10 },
      SECRET,
      ISSUER,
      AUDIENCE,
    );

    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'ops' });
  });

  it('rejects a token that expired beyond the clock tolerance as expired', async () => {
    // Expired 31 s ago: one second past the tolerance.
    const token = await signDevToken(
      { role: 'ops', expiresIn: nowInSeconds() - 31 },
      SECRET,
      ISSUER,
      AUDIENCE,
    );

    const error = await rejection(verifier.verify(token));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ reason: 'expired', message: 'The bearer token has expired' });
  });

  it.each([
    [
      'another secret',
      () => signDevToken({ role: 'ops' }, 'another-secret-of-at-least-32-characters', ISSUER, AUDIENCE),
    ],
    ['another issuer', () => signDevToken({ role: 'ops' }, SECRET, 'someone-else', AUDIENCE)],
    ['another audience', () => signDevToken({ role: 'ops' }, SECRET, ISSUER, 'another-api')],
    [
      'no expiry',
      () =>
        new SignJWT({ role: 'ops' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('u-1')
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .sign(new TextEncoder().encode(SECRET)),
    ],
    ['a garbled signature', async () => `${await signDevToken({ role: 'ops' }, SECRET, ISSUER, AUDIENCE)}x`],
    ['no JWT at all', async () => 'not-a-jwt'],
  ])('rejects a token with %s as invalid', async (_case, makeToken) => {
    const error = await rejection(verifier.verify(await makeToken()));

    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ reason: 'invalid', message: 'The bearer token is invalid' });
  });

  it('rejects a team role without a teamId, saying why', async () => {
    const token = await signDevToken({ role: 'team-lead' }, SECRET, ISSUER, AUDIENCE);

    await expect(verifier.verify(token)).rejects.toMatchObject({
      reason: 'invalid',
      message: 'The bearer token is invalid: a team-lead token must carry a teamId',
    });
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k-1', alg: 'ES256' }],
    });
    server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const signEs256 = () =>
    new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k-1' })
      .setSubject('u-9')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies a token signed with a key the JWKS publishes', async () => {
    const verifier = new TokenVerifier({ ...hs256Settings, AUTH_JWKS_URL: jwksUrl });

    await expect(verifier.verify(await signEs256())).resolves.toEqual({ sub: 'u-9', role: 'admin' });
  });

  it('rejects an HS256 token signed with JWT_SECRET once JWKS is configured', async () => {
    const verifier = new TokenVerifier({ ...hs256Settings, AUTH_JWKS_URL: jwksUrl });
    const token = await signDevToken({ role: 'admin' }, SECRET, ISSUER, AUDIENCE);

    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('passes on the failure to reach the JWKS endpoint instead of blaming the token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const verifier = new TokenVerifier({
      ...hs256Settings,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    });

    const error = await rejection(verifier.verify(await signEs256()));
    expect(error).not.toBeInstanceOf(InvalidTokenError);
  });
});
