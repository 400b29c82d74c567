import { decodeJwt, decodeProtectedHeader } from 'jose';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseServiceConfig } from '../config/base-service-config';
import { loadConfig } from '../config/validate-config';
import { MUNICIPALITY_ROLES, ROLES, TEAM_ROLES } from './role';
import { TokenVerifier } from './token-verifier';

const SCRIPT = join(__dirname, '../../../../scripts/token.js');
/** The development provider's key file, as the script finds it through DEV_IDP_KEYS_FILE. */
const dir = mkdtempSync(join(tmpdir(), 'samenspel-token-'));
const KEYS_FILE = join(dir, 'identity-provider', 'signing-keys.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/token.js in a real Node process (jose loads through require(esm) there, not through jest). */
function runTokenScript(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { env: { PATH: process.env.PATH ?? '', DEV_IDP_KEYS_FILE: KEYS_FILE, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The provider's JWKS endpoint: the public halves of the keys in the key file. */
function startJwksEndpoint(): Promise<Server> {
  const server = createServer((_request, response) => {
    const { keys } = JSON.parse(readFileSync(KEYS_FILE, 'utf8')) as { keys: Record<string, string>[] };
    const published = keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('scripts/token.js', () => {
  let server: Server;
  let jwksUrl: string;
  let verifierWithDefaults: TokenVerifier;

  beforeAll(async () => {
    server = await startJwksEndpoint();
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    verifierWithDefaults = new TokenVerifier(loadConfig(BaseServiceConfig, { AUTH_JWKS_URL: jwksUrl }));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the development key file when there is none, and signs every token with its key', async () => {
    expect(existsSync(KEYS_FILE)).toBe(false);
    const first = await runTokenScript(['--role', 'ops']);
    const second = await runTokenScript(['--role', 'admin']);

    const { keys } = JSON.parse(readFileSync(KEYS_FILE, 'utf8')) as { keys: { kid: string }[] };
    expect(decodeProtectedHeader(first.stdout.trim())).toMatchObject({ alg: 'RS256', kid: keys[0].kid });
    expect(decodeProtectedHeader(second.stdout.trim()).kid).toBe(keys[0].kid);
  });

  it.each(ROLES)('mints a token for %s that a service with the default config accepts', async (role) => {
    const args = [
      '--role',
      role,
      ...(TEAM_ROLES.includes(role) ? ['--team', 'team-noord'] : []),
      ...(MUNICIPALITY_ROLES.includes(role) ? ['--municipalities', 'GM0344'] : []),
    ];
    const { code, stdout, stderr } = await runTokenScript(args);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    await expect(verifierWithDefaults.verify(stdout.trim())).resolves.toMatchObject({
      role,
      sub: `dev-${role}`,
    });
  });

  it('carries team, org and subject and signs for AUTH_ISSUER and AUTH_AUDIENCE', async () => {
    const env = {
      AUTH_ISSUER: 'samenspel-acc',
      AUTH_AUDIENCE: 'samenspel-api',
    };
    const { stdout } = await runTokenScript(
      ['--role', 'youth-worker', '--team', 't-7', '--org', 'buurtwerk', '--sub', 'u-42', '--expires', '30m'],
      env,
    );
    const verifier = new TokenVerifier(loadConfig(BaseServiceConfig, { ...env, AUTH_JWKS_URL: jwksUrl }));

    await expect(verifier.verify(stdout.trim())).resolves.toEqual({
      sub: 'u-42',
      role: 'youth-worker',
      teamId: 't-7',
      org: 'buurtwerk',
    });
    await expect(verifierWithDefaults.verify(stdout.trim())).rejects.toThrow('The bearer token is invalid');
  });

  it('mints a token that lives one hour, the maximum the services accept, unless told otherwise', async () => {
    const { stdout } = await runTokenScript(['--role', 'ops']);
    const { iat, exp } = decodeJwt(stdout.trim());

    expect(exp! - iat!).toBe(3600);
  });

  it('follows AUTH_MAX_TOKEN_LIFETIME_SECONDS for the default lifetime', async () => {
    const { stdout } = await runTokenScript(['--role', 'ops'], { AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600' });
    const { iat, exp } = decodeJwt(stdout.trim());

    expect(exp! - iat!).toBe(600);
  });

  it('mints a shorter token with --expires', async () => {
    const { stdout } = await runTokenScript(['--role', 'ops', '--expires', '15m']);
    const { iat, exp } = decodeJwt(stdout.trim());

    expect(exp! - iat!).toBe(900);
  });

  it('carries the municipalities of a policy token as its municipalityCodes claim', async () => {
    const { stdout } = await runTokenScript(['--role', 'policy', '--municipalities', 'GM0344, GM0307']);

    await expect(verifierWithDefaults.verify(stdout.trim())).resolves.toEqual({
      sub: 'dev-policy',
      role: 'policy',
      municipalityCodes: ['GM0344', 'GM0307'],
    });
  });

  it.each([
    [['--role', 'youth-worker'], '--team is required for youth-worker'],
    [['--role', 'team-lead', '--org', 'x'], '--team is required for team-lead'],
    [
      ['--role', 'boss'],
      '--role must be one of: intake-system, youth-worker, team-lead, ops, admin, service, policy',
    ],
    [['--role', 'policy'], '--municipalities is required for policy'],
    [
      ['--role', 'policy', '--municipalities', 'GM0344,Utrecht'],
      '--municipalities must be comma-separated CBS codes',
    ],
    [[], '--role must be one of'],
    [['--role', 'ops', '--expires', 'soon'], '--expires must be a time span'],
    [
      ['--role', 'ops', '--expires', '8h'],
      '--expires 8h is longer than the 3600 s the services accept (AUTH_MAX_TOKEN_LIFETIME_SECONDS)',
    ],
    [
      ['--role', 'ops', '--expires', '3601s'],
      '--expires 3601s is longer than the 3600 s the services accept',
    ],
    [['--role', 'ops', '--colour', 'red'], "Unknown option '--colour'"],
  ])('exits 2 with the reason on stderr and nothing on stdout for %j', async (args, reason) => {
    const { code, stdout, stderr } = await runTokenScript(args);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toContain('usage: npm run -s token');
  });
});
