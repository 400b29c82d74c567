#!/usr/bin/env node
// Mints a development bearer token for calling the services by hand (curl, Swagger UI):
//   npm run -s token -- --role youth-worker --team <teamId> [--org <org>] [--sub <sub>] [--expires 8h]
// Prints only the token. Uses JWT_SECRET, AUTH_ISSUER and AUTH_AUDIENCE with the same defaults as
// BaseServiceConfig (libs/http/src/config/base-service-config.ts); keep the two in step.
'use strict';

const { parseArgs, TextEncoder } = require('node:util');
// jose is ESM-only; Node >= 20.19 loads it through require(esm).
const { SignJWT } = require('jose');

const ROLES = ['intake-system', 'youth-worker', 'team-lead', 'ops', 'admin', 'service'];
const TEAM_ROLES = ['youth-worker', 'team-lead'];
const DEV_JWT_SECRET = 'samenspel-development-secret-change-me-please';
const USAGE =
  'usage: npm run -s token -- --role <role> [--team <teamId>] [--org <org>] [--sub <sub>] [--expires 8h]\n' +
  `roles: ${ROLES.join(', ')} (--team is required for ${TEAM_ROLES.join(' and ')})`;

class UsageError extends Error {}

function readOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        team: { type: 'string' },
        org: { type: 'string' },
        sub: { type: 'string' },
        expires: { type: 'string', default: '8h' },
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
  return values;
}

async function signToken(options, env) {
  const claims = { role: options.role };
  if (options.team) claims.teamId = options.team;
  if (options.org) claims.org = options.org;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub || `dev-${options.role}`)
    .setIssuer(env.AUTH_ISSUER || 'samenspel-dev')
    .setAudience(env.AUTH_AUDIENCE || 'samenspel')
    .setIssuedAt();
  try {
    jwt.setExpirationTime(options.expires);
  } catch (error) {
    throw new UsageError(`--expires must be a time span such as 30m or 8h (${error.message})`);
  }
  return jwt.sign(new TextEncoder().encode(env.JWT_SECRET || DEV_JWT_SECRET));
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
