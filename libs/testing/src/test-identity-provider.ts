import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { ServiceProcess } from './service-process';

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
  const provider = await startTestIdentityProvider();
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
