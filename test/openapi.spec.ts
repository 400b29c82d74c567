import { serviceNamed } from '@samenspel/bootstrap';
import { createOpenApiDocument } from '@samenspel/http';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_MATRIX, routeKey } from './access/access-matrix';
import { PREVIEWED_SERVICES } from './service-apps';

/** Each service's OpenAPI document, as it serves it at /docs-json, linted by Redocly with redocly.yaml. */
const ROOT = join(__dirname, '..');
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
/** Called by the platform without a token, never rate limited, and never answered with a 4xx. */
const PROBES = ['/health/live', '/health/ready'];

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { source: { ref: string }; pointer: string }[];
}

const documents = new Map<string, OpenAPIObject>();
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'samenspel-openapi-'));
  for (const service of PREVIEWED_SERVICES) {
    const app = await service.preview();
    try {
      documents.set(
        service.name,
        createOpenApiDocument(app, {
          service: service.name,
          version: service.version,
          publicBaseUrl: `http://127.0.0.1:${serviceNamed(service.name).port}`,
        }),
      );
    } finally {
      await app.close();
    }
    writeFileSync(join(folder, `${service.name}.json`), JSON.stringify(documents.get(service.name)));
  }
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function operationsOf(name: string): [string, OperationObject][] {
  return Object.entries(documents.get(name)!.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) =>
      item[method] ? [[`${method.toUpperCase()} ${path}`, item[method]] as [string, OperationObject]] : [],
    ),
  );
}

const names = PREVIEWED_SERVICES.map((s) => s.name);

describe('the OpenAPI documents', () => {
  it('pass Redocly lint with the recommended rules and no error or warning', () => {
    const files = names.map((name) => join(folder, `${name}.json`));
    const run = spawnSync(
      process.execPath,
      [REDOCLY, 'lint', '--config', join(ROOT, 'redocly.yaml'), '--format', 'json', ...files],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    // One JSON report per document, one after the other.
    const reports = run.stdout
      .trim()
      .split(/(?<=^\})(?=\{$)/m)
      .map((report) => JSON.parse(report) as { problems: LintProblem[] });
    expect(reports).toHaveLength(files.length);
    const found = reports
      .flatMap((report) => report.problems)
      .map(
        (p) =>
          `${p.severity} ${p.ruleId} ${p.location[0]?.source.ref} ${p.location[0]?.pointer}: ${p.message}`,
      );
    expect(found).toEqual([]);
    expect(run.status).toBe(0);
  });

  it.each(names)(
    'give every operation of %s a summary, a tag and its 4xx answers, the probes aside',
    (name) => {
      const lacking = operationsOf(name)
        .filter(([route]) => !PROBES.some((probe) => route.endsWith(` ${probe}`)))
        .filter(
          ([, op]) => !op.summary || !op.tags?.length || !Object.keys(op.responses).some((s) => /^4/.test(s)),
        )
        .map(([route]) => route);
      expect(operationsOf(name).length).toBeGreaterThan(PROBES.length);
      expect(lacking).toEqual([]);
    },
  );

  it.each(names)('document the probes of %s as taking no token', (name) => {
    const { paths } = documents.get(name)!;
    expect(PROBES.map((probe) => paths[probe]?.get?.security)).toEqual([[], []]);
  });

  it.each(names)(
    'document the scrape of %s as taking no token from an allowed network, else the scrape token',
    (name) => {
      const { paths, components } = documents.get(name)!;
      const scrape = paths['/metrics'].get!;
      expect(scrape.security).toEqual([{}, { metricsToken: [] }]);
      expect(Object.keys(scrape.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(components?.securitySchemes?.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    },
  );

  it.each(names)(
    'document as taking no token exactly the routes of %s the access matrix calls public',
    (name) => {
      const documentedPublic = operationsOf(name)
        .filter(([, op]) => op.security?.length === 0 || op.security?.some((r) => !Object.keys(r).length))
        .map(([route]) => route);
      const matrixPublic = ACCESS_MATRIX[name]
        .filter((route) => route.public && !route.undocumented)
        .map(routeKey);
      expect(documentedPublic.sort()).toEqual(matrixPublic.sort());
    },
  );

  it("document a referral's transition with each problem it can answer, as problem+json", () => {
    const responses =
      documents.get('referral')!.paths['/api/v1/referrals/{id}/transitions'].post?.responses ?? {};
    const problems = Object.entries(responses)
      .filter(([, r]) => r && 'content' in r && r.content?.['application/problem+json'])
      .map(([status]) => status);
    expect(problems.sort()).toEqual(['400', '401', '403', '404', '409', '412', '413', '422', '429']);
  });

  it('document the task stream as taking the bearer token or the session cookie, never a token in the URL', () => {
    const { paths, components } = documents.get('notification')!;
    const stream = paths['/api/v1/tasks/stream'].get;
    expect(stream?.security).toHaveLength(2);
    expect(stream?.security).toEqual(expect.arrayContaining([{ bearer: [] }, { sessionCookie: [] }]));
    expect(stream?.parameters?.map((p) => ('name' in p ? p.name : ''))).not.toContain('access_token');
    expect(components?.securitySchemes?.sessionCookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-samenspel-notification-session',
    });
  });
});
