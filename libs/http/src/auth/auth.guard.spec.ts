import {
  ForbiddenException,
  ServiceUnavailableException,
  UnauthorizedException,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { base64url, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Public, Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import type { AuthenticatedRequest } from './authenticated-request';
import { startLocalKeySet, type LocalKeySet, type LocalKeySetClaims } from '../../test/local-key-set';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'samenspel-test';
const AUDIENCE = 'samenspel';
const nowInSeconds = () => Math.floor(Date.now() / 1000);
let keys: LocalKeySet;

/** A token with exactly these claims over a valid five-minute set, signed with the published key or `key`. */
function tokenWith(claims: JWTPayload, key?: CryptoKey): Promise<string> {
  const now = nowInSeconds();
  const valid = { sub: 'u-1', role: 'admin', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
  return keys.signPayload({ ...valid, ...claims }, key);
}

@Roles('team-lead', 'admin')
class ReferralsController {
  list() {}
  @Roles('ops')
  metrics() {}
}

@Public()
class OpenController {
  ping() {}
}

class ProfileController {
  me() {}
}

@Roles('ops', 'policy')
class ImpactLikeController {
  figures() {}
}

class HealthLikeController {
  @Public()
  live() {}
}

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/** The slice of an HTTP ExecutionContext the guard reads. */
class HttpContext implements ExecutionContext {
  constructor(
    private readonly controller: Type,
    private readonly handler: string,
    readonly request: Partial<AuthenticatedRequest>,
    private readonly type = 'http',
  ) {}
  getClass<T>() {
    return this.controller as Type<T>;
  }
  getHandler() {
    return this.controller.prototype[this.handler] as (...args: unknown[]) => unknown;
  }
  getType<T extends string>() {
    return this.type as T;
  }
  switchToHttp(): HttpArgumentsHost {
    const request = this.request;
    return {
      getRequest: <T>() => request as T,
      getResponse: <T>() => ({}) as T,
      getNext: <T>() => (() => undefined) as T,
    };
  }
  getArgs<T extends unknown[]>() {
    return [this.request] as T;
  }
  getArgByIndex<T>(index: number) {
    return this.getArgs()[index] as T;
  }
  switchToRpc(): RpcArgumentsHost {
    throw new Error('not an RPC context');
  }
  switchToWs(): WsArgumentsHost {
    throw new Error('not a WebSocket context');
  }
}

async function expectRejection(promise: Promise<unknown>, type: Type<Error>, message?: string) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(type);
  if (message !== undefined) expect((error as Error).message).toBe(message);
}

/** A loopback URL nothing listens on: a port the OS handed out and was given back. */
async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/jwks.json`;
}

describe('AuthGuard', () => {
  let guard: AuthGuard;
  beforeAll(async () => {
    keys = await startLocalKeySet(ISSUER, AUDIENCE);
    guard = new AuthGuard(new Reflector(), new TokenVerifier(keys.settings));
  });
  afterAll(() => keys.close());
  const bearer = async (claims: LocalKeySetClaims) => `Bearer ${await keys.sign(claims)}`;
  const contextFor = (controller: Type, handler: string, authorization?: string) =>
    new HttpContext(controller, handler, { headers: authorization === undefined ? {} : { authorization } });

  it('lets a request through to a @Public controller without a token', async () => {
    await expect(guard.canActivate(contextFor(OpenController, 'ping'))).resolves.toBe(true);
  });

  it('lets a request through to a @Public handler without a token', async () => {
    await expect(guard.canActivate(contextFor(HealthLikeController, 'live'))).resolves.toBe(true);
  });

  it('answers 401 when the Authorization header is missing', async () => {
    await expectRejection(
      guard.canActivate(contextFor(ReferralsController, 'list')),
      UnauthorizedException,
      'A bearer token is required (Authorization: Bearer <JWT>)',
    );
  });

  it('answers 401 when the Authorization header is not a bearer token', async () => {
    const context = contextFor(ReferralsController, 'list', 'Basic dXNlcjpwYXNz');

    await expectRejection(guard.canActivate(context), UnauthorizedException);
  });

  it.each<[string, () => Promise<string>, string]>([
    [
      'is forged (signed with another key)',
      async () => tokenWith({}, (await generateKeyPair('RS256')).privateKey),
      'The bearer token is invalid',
    ],
    [
      'has expired',
      () => tokenWith({ iat: nowInSeconds() - 3600, exp: nowInSeconds() - 600 }),
      'The bearer token has expired',
    ],
    ['is not yet valid', () => tokenWith({ nbf: nowInSeconds() + 120 }), 'The bearer token is invalid'],
    [
      'is unsigned (alg: none)',
      async () => {
        const [, payload] = (await tokenWith({})).split('.');
        return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
      },
      'The bearer token is invalid',
    ],
    ['has another issuer', () => tokenWith({ iss: 'someone-else' }), 'The bearer token is invalid'],
    ['has another audience', () => tokenWith({ aud: 'another-api' }), 'The bearer token is invalid'],
    [
      'lives longer than the maximum',
      () => tokenWith({ exp: nowInSeconds() + 3601 }),
      'The bearer token lives longer than the maximum of 3600 seconds',
    ],
    ['has no issued-at', () => tokenWith({ iat: undefined }), 'The bearer token is invalid'],
    ['has no expiry', () => tokenWith({ exp: undefined }), 'The bearer token is invalid'],
  ])('answers 401 when the bearer token %s, without echoing it', async (_case, makeToken, detail) => {
    const token = await makeToken();
    const context = contextFor(ReferralsController, 'list', `Bearer ${token}`);

    const error = await guard.canActivate(context).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as Error).message).toBe(detail);
    expect(JSON.stringify((error as UnauthorizedException).getResponse())).not.toContain(token);
  });

  it.each([
    ['no role', { role: undefined }],
    ['a role Samenspel does not know', { role: 'superuser' }],
  ])('answers 403 to a valid bearer token with %s', async (_case, claims) => {
    const context = contextFor(ProfileController, 'me', `Bearer ${await tokenWith(claims)}`);

    await expectRejection(
      guard.canActivate(context),
      ForbiddenException,
      'The bearer token carries no role known to Samenspel',
    );
  });

  it('answers 403 when the caller has none of the roles of the controller', async () => {
    const context = contextFor(
      ReferralsController,
      'list',
      await bearer({ role: 'youth-worker', teamId: 't-1' }),
    );

    await expectRejection(
      guard.canActivate(context),
      ForbiddenException,
      'This action needs one of the roles: team-lead, admin',
    );
  });

  it('puts the principal and its token on the request when the caller has one of the roles', async () => {
    const authorization = await bearer({ role: 'team-lead', teamId: 't-1', sub: 'u-1' });
    const context = contextFor(ReferralsController, 'list', authorization);

    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(context.request.principal).toEqual({ sub: 'u-1', role: 'team-lead', teamId: 't-1' });
    expect(`Bearer ${context.request.bearerToken}`).toBe(authorization);
  });

  it('lets the roles of a handler replace those of its controller', async () => {
    const asOps = contextFor(ReferralsController, 'metrics', await bearer({ role: 'ops' }));
    const asAdmin = contextFor(ReferralsController, 'metrics', await bearer({ role: 'admin' }));

    await expect(guard.canActivate(asOps)).resolves.toBe(true);
    await expectRejection(guard.canActivate(asAdmin), ForbiddenException);
  });

  it('lets any authenticated role through a route without @Roles', async () => {
    const context = contextFor(ProfileController, 'me', await bearer({ role: 'intake-system' }));

    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('answers 403 to a policy officer on a route without @Roles, and lets them through one naming policy', async () => {
    const policy = await bearer({ role: 'policy', municipalityCodes: ['GM0344'] });

    await expectRejection(
      guard.canActivate(contextFor(ProfileController, 'me', policy)),
      ForbiddenException,
      'A policy token may call only the routes made for it',
    );
    await expect(guard.canActivate(contextFor(ImpactLikeController, 'figures', policy))).resolves.toBe(true);
  });

  it('leaves non-HTTP contexts to their own authentication', async () => {
    const context = new HttpContext(ReferralsController, 'list', { headers: {} }, 'rpc');

    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('answers 503 when the keys to verify the token cannot be fetched', async () => {
    const jwksGuard = new AuthGuard(
      new Reflector(),
      new TokenVerifier({ ...keys.settings, AUTH_JWKS_URL: await closedLoopbackUrl() }),
    );
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k-1' })
      .setSubject('u-1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const context = contextFor(ReferralsController, 'list', `Bearer ${token}`);

    await expectRejection(jwksGuard.canActivate(context), ServiceUnavailableException);
  });
});
