import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { ServiceProcess } from './service-process';
import { freePort } from './service-under-test';

/** The development identity provider as the tests run it: its own process, key file and control token. */
export interface TestIdentityProvider {
  issuer: string;
  jwksUri: string;
  tokenEndpoint: string;
  keysFile: string;
  controlToken: string;
  process: ServiceProcess;
  stop(): Promise<void>;
}

export interface TestIdentityProviderOptions {
  /** Default: http://127.0.0.1:<port>. */
  issuer?: string;
  accessTokenTtlSeconds?: number;
  /** Default: a file of its own under .cache/test-identity-provider/. */
  keysFile?: string;
  /** Pages that sign in (client id and origin); default: the workspace and console on their usual ports. */
  pageClients?: readonly { clientId: string; origin: string }[];
}

/**
 * Starts libs/identity-provider on a free port with runtime controls on (disable a user, rotate
 * the keys), for a test run or a suite that needs a provider of its own.
 */
export async function startTestIdentityProvider(
  options: TestIdentityProviderOptions = {},
): Promise<TestIdentityProvider> {
  const dir = join(REPO_ROOT, '.cache', 'test-identity-provider');
  mkdirSync(dir, { recursive: true });
  const keysFile = options.keysFile ?? join(dir, `signing-keys-${process.pid}-${Date.now()}.json`);
  const controlToken = randomBytes(24).toString('base64url');
  const proc = await ServiceProcess.start(
    join(REPO_ROOT, 'libs', 'identity-provider', 'src', 'main.ts'),
    {
      DEV_IDP_PORT: '0',
      DEV_IDP_KEYS_FILE: keysFile,
      DEV_IDP_CONTROL_TOKEN: controlToken,
      DEV_IDP_ISSUER: options.issuer ?? '',
      DEV_IDP_ACCESS_TOKEN_TTL_SECONDS: String(options.accessTokenTtlSeconds ?? 3600),
      DEV_IDP_PAGE_CLIENTS: (options.pageClients ?? []).map((c) => `${c.clientId}@${c.origin}`).join(','),
    },
    { timeoutMs: 30000 },
  );
  const issuer = /^development identity provider (\S+)$/m.exec(proc.logs)![1];
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    tokenEndpoint: `${issuer}/token`,
    keysFile,
    controlToken,
    process: proc,
    stop: async () => void (await proc.stop('SIGTERM')),
  };
}

/**
 * Starts a provider for a whole run (the tests' global setup, the benchmark, the chaos run) and
 * writes it into `env`, which the services and test files inherit: the services verify its tokens
 * (AUTH_ISSUER, AUTH_JWKS_URL) and get their own from it; authHeader signs with its key.
 */
export async function useTestIdentityProvider(env = process.env): Promise<TestIdentityProvider> {
  // The pages' redirect URIs are fixed at the provider: a suite that signs in through a browser
  // starts the workspace or the console on the port reserved here (signInPort).
  const ports = { notification: await freePort(), 'ops-console': await freePort() };
  const provider = await startTestIdentityProvider({
    pageClients: [
      { clientId: 'workspace', origin: `http://127.0.0.1:${ports.notification}` },
      { clientId: 'console', origin: `http://127.0.0.1:${ports['ops-console']}` },
    ],
  });
  env[SIGN_IN_PORT_VARIABLES.notification] = String(ports.notification);
  env[SIGN_IN_PORT_VARIABLES['ops-console']] = String(ports['ops-console']);
  env.AUTH_ISSUER = provider.issuer;
  env.AUTH_JWKS_URL = provider.jwksUri;
  env.DEV_IDP_KEYS_FILE = provider.keysFile;
  env.DEV_IDP_CONTROL_TOKEN = provider.controlToken;
  return {
    ...provider,
    stop: async () => {
      await provider.stop();
      rmSync(provider.keysFile, { force: true });
    },
  };
}

const SIGN_IN_PORT_VARIABLES = {
  notification: 'SAMENSPEL_TEST_WORKSPACE_PORT',
  'ops-console': 'SAMENSPEL_TEST_CONSOLE_PORT',
} as const;

/** The port the run's provider knows the service's sign-in page on: start the service there to sign in. */
export function signInPort(service: keyof typeof SIGN_IN_PORT_VARIABLES, env = process.env): number {
  const port = Number(env[SIGN_IN_PORT_VARIABLES[service]]);
  if (!port)
    throw new Error('No sign-in port in this run: the integration tests reserve one in their global setup');
  return port;
}

/**
 * The provider of this test run, as the global setup left it in the environment: the services
 * verify its tokens (AUTH_ISSUER, AUTH_JWKS_URL) and the tests sign with its key (DEV_IDP_KEYS_FILE).
 */
export function runIdentityProvider(env = process.env): {
  issuer: string;
  keysFile: string;
  controlToken: string;
} {
  const { AUTH_ISSUER, DEV_IDP_KEYS_FILE, DEV_IDP_CONTROL_TOKEN } = env;
  if (!AUTH_ISSUER || !DEV_IDP_KEYS_FILE || !DEV_IDP_CONTROL_TOKEN) {
    throw new Error(
      'No identity provider in this run: the integration tests start one in their global setup',
    );
  }
  return { issuer: AUTH_ISSUER, keysFile: DEV_IDP_KEYS_FILE, controlToken: DEV_IDP_CONTROL_TOKEN };
}

/** Runtime controls of a development provider started with a control token (the run's by default). */
export function identityProviderControls(
  target: { issuer: string; controlToken: string } = runIdentityProvider(),
) {
  const post = (path: string) =>
    fetch(`${target.issuer}/dev-control/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.controlToken}` },
    });
  const setEnabled = async (username: string, action: 'enable' | 'disable') => {
    const res = await post(`users/${encodeURIComponent(username)}/${action}`);
    if (res.status !== 204) throw new Error(`the provider answered ${res.status} to ${action} ${username}`);
  };
  return {
    /**
     * A user who can sign in with the development password, e.g. a youth worker of a test's own
     * team; a known username gets these claims from its next sign-in or refresh on.
     */
    setUser: async (
      username: string,
      claims: { role: string; teamId?: string; org?: string; municipalityCodes?: string[] },
    ) => {
      const res = await fetch(`${target.issuer}/dev-control/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.controlToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username, claims }),
      });
      if (res.status !== 204) throw new Error(`the provider answered ${res.status} to adding ${username}`);
    },
    /** The user can no longer sign in, and their refresh tokens are refused. */
    disableUser: (username: string) => setEnabled(username, 'disable'),
    enableUser: (username: string) => setEnabled(username, 'enable'),
    /** Signs with a new key from now on; the previous one stays published. Returns the new kid. */
    rotateKeys: async (): Promise<string> => {
      const res = await post('keys/rotate');
      if (!res.ok) throw new Error(`the provider answered ${res.status} to rotating its keys`);
      return ((await res.json()) as { kid: string }).kid;
    },
  };
}
