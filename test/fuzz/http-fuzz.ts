import { ROLES, type Role } from '@samenspel/http';
import { authHeader, type ServiceUnderTest } from '@samenspel/testing';
import fc from 'fast-check';
import { fuzzParameters } from './fuzz-settings';
import { requestArbitrary, type FuzzRequest } from './hostile-requests';
import { writeOperations, type OpenApiDocument, type WriteOperation } from './openapi-operations';
import { refResolver } from './schema-arbitrary';

export interface HttpFuzzSummary {
  operations: string[];
  requests: number;
  /** How many responses had each status: what the fuzzer reached. */
  statuses: Record<number, number>;
}

/**
 * Fuzzes every write endpoint (POST, PUT, PATCH, DELETE) the service's OpenAPI document lists, with
 * a token of a role allowed to call it: no response may be a 5xx, every 4xx is problem+json, and
 * the service is still ready afterwards.
 */
export async function fuzzWriteEndpoints(
  sut: ServiceUnderTest,
  runsPerOperation: number,
): Promise<HttpFuzzSummary> {
  const document = (await (await fetch(`${sut.baseUrl}/docs-json`)).json()) as OpenApiDocument;
  const resolve = refResolver(document);
  const operations = writeOperations(document);
  const summary: HttpFuzzSummary = { operations: [], requests: 0, statuses: {} };
  for (const op of operations) {
    const role = await allowedRole(sut.baseUrl, op);
    summary.operations.push(`${op.method} ${op.path} as ${role}`);
    const arbitrary = requestArbitrary(sut.baseUrl, op, resolve, await tokenFor(role));
    await fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        const { status, contentType, text } = await send(op, request);
        summary.requests += 1;
        summary.statuses[status] = (summary.statuses[status] ?? 0) + 1;
        if (status >= 500) throw new Error(`${request}: ${status} ${text.slice(0, 500)}`);
        if (status >= 400 && !contentType.startsWith('application/problem+json')) {
          throw new Error(`${request}: ${status} answered as ${contentType}, not problem+json`);
        }
      }),
      fuzzParameters(runsPerOperation, `${sut.name} ${op.method} ${op.path}`),
    );
  }
  return summary;
}

async function send(op: WriteOperation, request: FuzzRequest) {
  // A request that never gets an answer is a finding too: it fails the property instead of hanging the file.
  const response = await fetch(request.url, {
    method: op.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(20000),
  }).catch((error: Error) => {
    throw new Error(`${request}: no answer (${error.message})`);
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

function tokenFor(role: Role) {
  return authHeader(role, { teamId: 'fuzz-team', org: 'fuzz-org', sub: `fuzz-${role}` });
}

/** The first role that gets past authorisation with a plain request (admin when none does). */
async function allowedRole(baseUrl: string, op: WriteOperation): Promise<Role> {
  let path = op.path;
  for (const p of op.pathParams) path = path.replace(`{${p.name}}`, 'fuzz-probe');
  for (const role of ROLES) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: op.method,
      headers: { ...(await tokenFor(role)), 'content-type': 'application/json' },
      body: '{}',
    });
    await response.arrayBuffer();
    if (response.status !== 401 && response.status !== 403) return role;
  }
  return 'admin';
}
