import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAVICON_PATH, FAVICON_SVG } from '@samenspel/http';
import type { Provider, ProviderContext } from 'oidc-provider';
import {
  DEV_MACHINE_CLIENTS,
  DEV_PAGE_CLIENTS,
  DEV_PASSWORD,
  DEV_USERS,
  type DevMachineClient,
  type DevPageClient,
  type DevUser,
  type SamenspelClaims,
} from './dev-directory';
import { errorPage, PROVIDER_CSS, SIGN_OUT_JS, signedOutPage, signInPage, signOutPage } from './pages';
import { SigningKeyFile, type PrivateSigningKey } from './signing-keys';

/** The resource indicator of the Samenspel services; tokens for it carry the audience AUTH_AUDIENCE. */
export const SAMENSPEL_RESOURCE = 'urn:samenspel:api';

export interface DevIdentityProviderOptions {
  /** 0 picks a free port. */
  port: number;
  /** The interface it listens on; default 127.0.0.1 (a container listens on 0.0.0.0). */
  host?: string;
  /** Defaults to http://127.0.0.1:<port>. */
  issuer?: string;
  /** The `aud` of every access token: the services' AUTH_AUDIENCE. */
  audience: string;
  /** Where the signing keys are kept (created on first start). */
  keysFile: string;
  /** Lifetime of access tokens, for people and machines alike (default 3600 s, the services' maximum). */
  accessTokenTtlSeconds?: number;
  users?: readonly DevUser[];
  pageClients?: readonly DevPageClient[];
  machineClients?: readonly DevMachineClient[];
  /**
   * When set, POST /dev-control/users (a DevUser as JSON, for a test's own team), POST
   * /dev-control/users/<username>/disable|enable and /dev-control/keys/rotate with
   * `authorization: Bearer <controlToken>` change the provider at runtime (for tests in another process).
   */
  controlToken?: string;
  env?: NodeJS.ProcessEnv;
}

export interface DevIdentityProvider {
  issuer: string;
  jwksUri: string;
  tokenEndpoint: string;
  port: number;
  /** One more user who can sign in (a test's own team); a known username gets the new claims. */
  addUser(user: DevUser): void;
  /** The user can no longer sign in, and their refresh tokens are refused. */
  disableUser(username: string): void;
  enableUser(username: string): void;
  /** Signs with a new key from now on; the previous key stays published. Returns the new kid. */
  rotateKeys(): Promise<string>;
  close(): Promise<void>;
}

/** Refuses to run the development provider in production. */
export function assertNotProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'The development identity provider does not run in production: configure AUTH_ISSUER and AUTH_JWKS_URL of your own provider',
    );
  }
}

/**
 * Starts the development OpenID Provider (oidc-provider): authorization code with PKCE (S256)
 * for the pages, refresh tokens, RP-initiated logout, client credentials for machines, and JWT
 * access tokens for the Samenspel services carrying role, teamId, org and municipalityCodes.
 */
export async function startDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  assertNotProduction(options.env);
  const users = [...(options.users ?? DEV_USERS)];
  const pageClients = options.pageClients ?? DEV_PAGE_CLIENTS;
  const machineClients = options.machineClients ?? DEV_MACHINE_CLIENTS;
  const disabled = new Set<string>();
  const keyFile = new SigningKeyFile(options.keysFile);
  let keys = await keyFile.load();

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  const settings: ProviderSettings = {
    issuer,
    audience: options.audience,
    ttlSeconds: options.accessTokenTtlSeconds ?? 3600,
    users,
    pageClients,
    machineClients,
    disabled,
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  // A key rotation builds a new provider over the same in-memory store; requests go to the newest.
  let provider = await buildProvider(settings, keys);
  const csp = contentSecurityPolicy(pageClients);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/html', errorPage('server_error', (error as Error).message));
      else res.end();
    });
  });

  const api: DevIdentityProvider = {
    issuer,
    jwksUri: `${issuer}/jwks`,
    tokenEndpoint: `${issuer}/token`,
    port,
    addUser: (user) => {
      const known = users.findIndex((u) => u.username === user.username);
      if (known >= 0) users[known] = user;
      else users.push(user);
    },
    disableUser: (username) => void disabled.add(username),
    enableUser: (username) => void disabled.delete(username),
    rotateKeys: async () => {
      keys = await keyFile.rotate();
      provider = await buildProvider(settings, keys);
      return keys[0].kid;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/assets/provider.css')
      return send(res, 200, 'text/css', PROVIDER_CSS);
    if (req.method === 'GET' && url.pathname === '/assets/sign-out.js')
      return send(res, 200, 'text/javascript', SIGN_OUT_JS);
    if (req.method === 'GET' && url.pathname === FAVICON_PATH)
      return send(res, 200, 'image/svg+xml', FAVICON_SVG);
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (interaction) return handleInteraction(provider, settings, req, res, interaction[2] !== undefined);
    if (url.pathname.startsWith('/dev-control/') && options.controlToken)
      return control(req, res, url.pathname, options.controlToken, api);
    provider.callback()(req, res);
  }

  return api;
}

interface ProviderSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  users: readonly DevUser[];
  pageClients: readonly DevPageClient[];
  machineClients: readonly DevMachineClient[];
  disabled: Set<string>;
  cookieKeys: string[];
}

async function buildProvider(settings: ProviderSettings, keys: PrivateSigningKey[]): Promise<Provider> {
  // oidc-provider is an ES module, loaded only when a provider starts (never by the services).
  const { default: OidcProvider, errors } = await import('oidc-provider');
  const activeUser = (id: string | undefined) =>
    id === undefined || settings.disabled.has(id) ? undefined : settings.users.find((u) => u.username === id);
  const machine = (clientId: string | undefined) =>
    settings.machineClients.find((c) => c.clientId === clientId);

  const provider = new OidcProvider(settings.issuer, {
    clients: [
      ...settings.pageClients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${c.origin}/auth/callback`],
        post_logout_redirect_uris: [`${c.origin}/auth/signed-out`, `${c.origin}/`],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      ...settings.machineClients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
    ],
    clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
    jwks: { keys },
    cookies: { keys: settings.cookieKeys },
    findAccount: async (_ctx: unknown, id: string) => {
      const user = activeUser(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: user.name, preferred_username: id, ...user.claims }),
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'role', 'teamId', 'org', 'municipalityCodes'],
    },
    scopes: ['openid', 'offline_access', 'profile'],
    // The ID token carries the granted claims (role, teamId …), not only `sub`.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: ProviderContext & { body: string }, form: string) => {
          ctx.body = signOutPage({ form, automatic: ctx.oidc.client !== undefined });
        },
        postLogoutSuccessSource: (ctx: { body: string }) => {
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => SAMENSPEL_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, resource: string) => {
          if (resource !== SAMENSPEL_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'samenspel',
            audience: settings.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: settings.ttlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // First-party pages: the grant is given at sign-in, without a consent screen.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session?.grantIdFor(client!.clientId);
      const grant =
        (grantId && (await ctx.oidc.provider.Grant.find(grantId))) ||
        new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session?.accountId });
      grant.addOIDCScope('openid profile offline_access');
      grant.addResourceScope(SAMENSPEL_RESOURCE, 'samenspel');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    extraTokenClaims: async (
      _ctx: unknown,
      token: { accountId?: string; clientId?: string; kind: string },
    ) => {
      if (token.kind === 'ClientCredentials') return machine(token.clientId)?.claims;
      return activeUser(token.accountId)?.claims satisfies SamenspelClaims | undefined;
    },
    ttl: {
      AccessToken: settings.ttlSeconds,
      ClientCredentials: settings.ttlSeconds,
      IdToken: settings.ttlSeconds,
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
      RefreshToken: 8 * 3600,
    },
    renderError: async (
      ctx: { type: string; body: string },
      out: { error: string; error_description?: string },
    ) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  });
  return provider;
}

async function handleInteraction(
  provider: Provider,
  settings: ProviderSettings,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const clientId = String(details.params.client_id ?? '');
  const action = `/interaction/${details.uid}/login`;
  if (details.prompt.name !== 'login') {
    // The grant is given in loadExistingGrant; any other prompt is answered by it.
    return provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
  }
  if (!submitted || req.method !== 'POST') {
    return send(res, 200, 'text/html', signInPage({ action, clientId }));
  }
  const form = new URLSearchParams(await readBody(req));
  const username = form.get('username') ?? '';
  const user = settings.users.find((u) => u.username === username);
  if (!user || settings.disabled.has(username) || !samePassword(form.get('password') ?? '', DEV_PASSWORD)) {
    return send(res, 401, 'text/html', signInPage({ action, clientId, username, failed: true }));
  }
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: username } },
    { mergeWithLastSubmission: false },
  );
}

async function control(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  token: string,
  api: DevIdentityProvider,
): Promise<void> {
  if (req.method !== 'POST' || !samePassword(req.headers.authorization ?? '', `Bearer ${token}`)) {
    return send(res, 404, 'text/plain', 'not found');
  }
  if (path === '/dev-control/users') {
    const user = JSON.parse(await readBody(req)) as DevUser;
    if (!/^[\w-]{1,64}$/.test(user.username) || typeof user.claims?.role !== 'string') {
      return send(res, 400, 'text/plain', 'a user needs a username of [A-Za-z0-9_-] and claims with a role');
    }
    api.addUser({ username: user.username, name: user.name ?? user.username, claims: user.claims });
    return send(res, 204, 'text/plain', '');
  }
  const user = /^\/dev-control\/users\/([\w-]+)\/(disable|enable)$/.exec(path);
  if (user) {
    if (user[2] === 'disable') api.disableUser(user[1]);
    else api.enableUser(user[1]);
    return send(res, 204, 'text/plain', '');
  }
  if (path === '/dev-control/keys/rotate') {
    return send(res, 200, 'application/json', JSON.stringify({ kid: await api.rotateKeys() }));
  }
  return send(res, 404, 'text/plain', 'not found');
}

function contentSecurityPolicy(pageClients: readonly DevPageClient[]): string {
  // Chromium applies form-action to the redirects after a form post: the sign-in form ends at a page's callback.
  const formTargets = ["'self'", ...pageClients.map((c) => c.origin)].join(' ');
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`;
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit = 8192): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        reject(new Error('the form is too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}
