#!/usr/bin/env node
// Mints a development bearer token for calling the services by hand (curl, Swagger UI):
//   npm run -s token -- --role youth-worker --team <teamId> [--org <org>] [--sub <sub>] [--expires 1h]
//   npm run -s token -- --role policy --municipalities GM0344,GM0307
// Prints only the token. It is signed as the development identity provider signs (RS256, its current
// key in .cache/identity-provider/signing-keys.json, or DEV_IDP_KEYS_FILE; made here when npm start
// has not made it yet), so the services verify it through the provider's JWKS like a real token.
// Uses AUTH_ISSUER, AUTH_AUDIENCE and AUTH_MAX_TOKEN_LIFETIME_SECONDS with the same defaults as
// BaseServiceConfig (libs/http/src/config/base-service-config.ts); keep the two in step. The token
// lives --expires (default and longest: the maximum the services accept, 1h).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
// jose is ESM-only; Node >= 20.19 loads it through require(esm).
const { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT } = require('jose');

const ROLES = ['intake-system', 'youth-worker', 'team-lead', 'ops', 'admin', 'service', 'policy'];
const TEAM_ROLES = ['youth-worker', 'team-lead'];
const MUNICIPALITY_ROLES = ['policy'];
const CBS_MUNICIPALITY_CODE = /^GM[0-9]{4}$/;
const DEV_ISSUER = 'http://127.0.0.1:3005';
const DEV_KEYS_FILE = path.join(__dirname, '..', '.cache', 'identity-provider', 'signing-keys.json');
const DEFAULT_MAX_LIFETIME_SECONDS = 3600;
const USAGE =
  'usage: npm run -s token -- --role <role> [--team <teamId>] [--municipalities GM0344,GM0307] [--org <org>] [--sub <sub>] [--expires 1h]\n' +
  `roles: ${ROLES.join(', ')} (--team is required for ${TEAM_ROLES.join(' and ')}, ` +
  `--municipalities, comma-separated CBS codes, for ${MUNICIPALITY_ROLES.join(' and ')})\n` +
  '--expires: a time span such as 30m, at most AUTH_MAX_TOKEN_LIFETIME_SECONDS (3600 s unless set), which is also the default';

class UsageError extends Error {}

function readOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        team: { type: 'string' },
        municipalities: { type: 'string' },
        org: { type: 'string' },
        sub: { type: 'string' },
        expires: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (!ROLES.includes(values.role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  if (TEAM_ROLES.includes(values.role) && !values.team)
    throw new UsageError(`--team is required for ${values.role}`);
  if (MUNICIPALITY_ROLES.includes(values.role) && !values.municipalities)
    throw new UsageError(`--municipalities is required for ${values.role}`);
  if (values.municipalities !== undefined) {
    const codes = values.municipalities.split(',').map((c) => c.trim());
    if (!codes.every((c) => CBS_MUNICIPALITY_CODE.test(c)))
      throw new UsageError('--municipalities must be comma-separated CBS codes such as GM0344,GM0307');
    values.municipalityCodes = codes;
  }
  return values;
}

function maxLifetimeSeconds(env) {
  const value = env.AUTH_MAX_TOKEN_LIFETIME_SECONDS;
  if (value === undefined || value === '') return DEFAULT_MAX_LIFETIME_SECONDS;
  if (!/^[0-9]+$/.test(value))
    throw new UsageError('AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds');
  return Number(value);
}

/** The provider's current signing key (libs/identity-provider/src/signing-keys.ts keeps the same file). */
async function signingKey(file) {
  if (!fs.existsSync(file)) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const [jwk] = JSON.parse(fs.readFileSync(file, 'utf8')).keys;
  return { kid: jwk.kid, key: await importJWK(jwk, 'RS256') };
}

async function signToken(options, env) {
  const maxLifetime = maxLifetimeSeconds(env);
  const claims = { role: options.role };
  if (options.team) claims.teamId = options.team;
  if (options.org) claims.org = options.org;
  if (options.municipalityCodes) claims.municipalityCodes = options.municipalityCodes;
  const jwt = new SignJWT(claims)
    .setSubject(options.sub || `dev-${options.role}`)
    .setIssuer(env.AUTH_ISSUER || DEV_ISSUER)
    .setAudience(env.AUTH_AUDIENCE || 'samenspel')
    .setIssuedAt();
  try {
    jwt.setExpirationTime(options.expires ?? `${maxLifetime}s`);
  } catch (error) {
    throw new UsageError(`--expires must be a time span such as 30m or 1h (${error.message})`);
  }
  const { kid, key } = await signingKey(env.DEV_IDP_KEYS_FILE || DEV_KEYS_FILE);
  const token = await jwt.setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' }).sign(key);
  const { iat, exp } = decodeJwt(token);
  if (exp - iat > maxLifetime)
    throw new UsageError(
      `--expires ${options.expires} is longer than the ${maxLifetime} s the services accept (AUTH_MAX_TOKEN_LIFETIME_SECONDS)`,
    );
  return token;
}

async function main() {
  try {
    const token = await signToken(readOptions(process.argv.slice(2)), process.env);
    process.stdout.write(`${token}\n`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`token: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}

main().catch((error) => {
  process.stderr.write(`token: ${error.stack || error}\n`);
  process.exitCode = 1;
});
