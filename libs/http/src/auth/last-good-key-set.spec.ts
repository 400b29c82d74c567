import { exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAdminEs256 } from '../../test/local-key-set';
import type { AuthSettings } from './auth-settings';
import { KeySetUnavailableError } from './last-good-key-set';
import { InvalidTokenError, JWKS_CACHE, TokenVerifier } from './token-verifier';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
const ISSUER = 'samenspel-test';
const AUDIENCE = 'samenspel';

/** A JWKS endpoint on loopback that can be stopped and started again on the same port. */
class JwksEndpoint {
  /** The keys it serves, by kid. */
  published = new Map<string, KeyPair>();
  /** Answers 500 instead of the keys, as a provider in trouble does. */
  failing = false;
  /** How many times the key set was asked for. */
  requests = 0;
  private readonly server: Server = createServer((_request, response) => {
    this.requests += 1;
    if (this.failing) {
      response.writeHead(500).end();
      return;
    }
    void Promise.all(
      [...this.published].map(async ([kid, pair]) => ({
        ...(await exportJWK(pair.publicKey)),
        kid,
        alg: 'ES256',
      })),
    ).then((keys) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })),
    );
  });
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/jwks.json`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    // Kept-alive connections would otherwise still answer.
    this.server.closeAllConnections();
    await closed;
  }
}

describe('TokenVerifier with a JWKS endpoint that goes down', () => {
  let endpoint: JwksEndpoint;
  let verifier: TokenVerifier;
  let cachedKey: KeyPair;
  let newKey: KeyPair;

  const sign = (pair: KeyPair, kid: string) => signAdminEs256(pair.privateKey, kid, ISSUER, AUDIENCE);

  /** Moves Date.now (which the key cache reads) past the cache's maximum age; token times stay real. */
  const pastTheMaxCacheAge = () => {
    const fetchedAt = Date.now();
    return jest.spyOn(Date, 'now').mockReturnValue(fetchedAt + JWKS_CACHE.cacheMaxAgeMs + 1);
  };

  beforeEach(async () => {
    cachedKey = await generateKeyPair('ES256');
    newKey = await generateKeyPair('ES256');
    endpoint = new JwksEndpoint();
    endpoint.published.set('k-1', cachedKey);
    await endpoint.start();
    const settings: AuthSettings = {
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_CLOCK_TOLERANCE_SECONDS: 30,
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
      AUTH_JWKS_URL: endpoint.url,
    };
    verifier = new TokenVerifier(settings);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await endpoint.stop().catch(() => undefined);
  });

  it('keeps verifying a token signed with a cached key after the maximum cache age while the endpoint is down', async () => {
    const token = await sign(cachedKey, 'k-1');
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'admin' });

    await endpoint.stop();
    pastTheMaxCacheAge();

    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'admin' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'admin' });
  });

  it('answers a kid the last good set lacks as unavailable (503), not invalid, while the endpoint is down', async () => {
    await verifier.verify(await sign(cachedKey, 'k-1'));

    await endpoint.stop();
    pastTheMaxCacheAge();

    const verifying = verifier.verify(await sign(newKey, 'k-2'));
    await expect(verifying).rejects.toBeInstanceOf(KeySetUnavailableError);
  });

  it('answers unavailable (503) when the endpoint was never reached', async () => {
    await endpoint.stop();

    const verifying = verifier.verify(await sign(cachedKey, 'k-1'));
    await expect(verifying).rejects.toBeInstanceOf(KeySetUnavailableError);
  });

  it('refuses (401) a removed key once the endpoint is back with a rotated set', async () => {
    const removed = await sign(cachedKey, 'k-1');
    await verifier.verify(removed);
    await endpoint.stop();
    pastTheMaxCacheAge();
    await expect(verifier.verify(removed)).resolves.toMatchObject({ role: 'admin' });

    // The provider comes back having rotated k-1 out for k-2.
    endpoint.published = new Map([['k-2', newKey]]);
    await endpoint.start();

    await expect(verifier.verify(await sign(newKey, 'k-2'))).resolves.toMatchObject({ role: 'admin' });
    await expect(verifier.verify(removed)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('asks a failing endpoint again only once its cooldown has passed, verifying with the last good set meanwhile', async () => {
    const token = await sign(cachedKey, 'k-1');
    await verifier.verify(token);
    expect(endpoint.requests).toBe(1);

    endpoint.failing = true;
    const now = pastTheMaxCacheAge();
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'admin' });
    expect(endpoint.requests).toBe(2);
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'admin' });
    expect(endpoint.requests).toBe(2);

    now.mockReturnValue(Date.now() + JWKS_CACHE.cooldownDurationMs + 1);
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'admin' });
    expect(endpoint.requests).toBe(3);
  });
});
