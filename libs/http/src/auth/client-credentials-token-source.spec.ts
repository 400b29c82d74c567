import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientCredentialsTokenSource, TokenSourceError } from './client-credentials-token-source';

interface Seen {
  path: string;
  form?: URLSearchParams;
}

/** A provider on a loopback port: discovery, and a token endpoint that answers each request with a new token. */
class FakeProvider {
  readonly seen: Seen[] = [];
  answer: { status: number; body: Record<string, unknown> } | undefined;
  private issued = 0;
  private release?: () => void;
  private held?: Promise<void>;
  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<FakeProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const provider = new FakeProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on(
      'request',
      (req, res) =>
        void provider.handle(req).then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        }),
    );
    return provider;
  }

  /** Token requests wait until release() is called. */
  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  releaseHeld(): void {
    this.release?.();
    this.held = undefined;
  }

  get tokenRequests(): Seen[] {
    return this.seen.filter((s) => s.path === '/oauth/token');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown> }> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    this.seen.push({ path: req.url ?? '', ...(text && { form: new URLSearchParams(text) }) });
    if (req.url === '/.well-known/openid-configuration') {
      return { status: 200, body: { issuer: this.issuer, token_endpoint: `${this.issuer}/oauth/token` } };
    }
    await this.held;
    if (this.answer) return this.answer;
    this.issued += 1;
    return {
      status: 200,
      body: { access_token: `token-${this.issued}`, expires_in: 3600, token_type: 'Bearer' },
    };
  }
}

describe('the client credentials token source', () => {
  let provider: FakeProvider;
  let now: number;
  const source = (overrides: Partial<ConstructorParameters<typeof ClientCredentialsTokenSource>[0]> = {}) =>
    new ClientCredentialsTokenSource({
      issuer: provider.issuer,
      clientId: 'intake-noord',
      clientSecret: 'a-client-secret',
      now: () => now,
      ...overrides,
    });

  beforeEach(async () => {
    provider = await FakeProvider.start();
    now = 1_000_000;
  });
  afterEach(() => provider.close());

  it('finds the token endpoint through discovery and posts the client credentials grant', async () => {
    await expect(source({ scope: 'samenspel' }).token()).resolves.toBe('token-1');

    expect(provider.seen.map((s) => s.path)).toEqual(['/.well-known/openid-configuration', '/oauth/token']);
    expect(Object.fromEntries(provider.tokenRequests[0].form!)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'intake-noord',
      client_secret: 'a-client-secret',
      scope: 'samenspel',
    });
  });

  it('uses a configured token endpoint without discovery', async () => {
    await source({ tokenEndpoint: `${provider.issuer}/oauth/token` }).token();

    expect(provider.seen.map((s) => s.path)).toEqual(['/oauth/token']);
  });

  it.each([
    // A one-hour token is renewed 30 s before it expires: at 3570 s.
    ['an hour', 3600, 3569, 1],
    ['an hour', 3600, 3570, 2],
    // A 10-second token is renewed a tenth of its lifetime before it expires: at 9 s.
    ['10 seconds', 10, 8.9, 1],
    ['10 seconds', 10, 9, 2],
  ])(
    'keeps a token that lives %s and asks again only shortly before it expires (%s s, after %s s: %s requests)',
    async (_, lifetime, after, requests) => {
      const tokens = source();
      const issued: string[] = [];
      provider.answer = { status: 200, body: { access_token: 'first', expires_in: lifetime } };
      issued.push(await tokens.token());
      provider.answer = { status: 200, body: { access_token: 'second', expires_in: lifetime } };
      now += after * 1000;
      issued.push(await tokens.token());

      expect(provider.tokenRequests).toHaveLength(requests);
      expect(issued).toEqual(requests === 1 ? ['first', 'first'] : ['first', 'second']);
    },
  );

  it('sends one request for callers that ask while it is under way', async () => {
    const tokens = source();
    provider.hold();
    const asked = Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    await new Promise((resolve) => setImmediate(resolve));
    provider.releaseHeld();

    await expect(asked).resolves.toEqual(['token-1', 'token-1', 'token-1']);
    expect(provider.tokenRequests).toHaveLength(1);
  });

  it('fails with the provider error code, without the secret, when the client is refused, and asks again next time', async () => {
    const tokens = source();
    provider.answer = {
      status: 401,
      body: { error: 'invalid_client', error_description: 'a-client-secret' },
    };

    const refusal = await tokens.token().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TokenSourceError);
    expect((refusal as Error).message).toBe(
      'the token endpoint refused client intake-noord: 401 invalid_client',
    );
    provider.answer = undefined;
    await expect(tokens.token()).resolves.toBe('token-1');
  });

  it('fails clearly when the provider cannot be reached', async () => {
    const tokens = source();
    await provider.close();

    await expect(tokens.token()).rejects.toThrow(/^the identity provider cannot be reached/);
  });
});
