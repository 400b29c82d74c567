import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@samenspel/http';
import { ACCESS_MATRIX, isAllowed, routeKey, SERVICE_NAMES, type ServiceName } from './access-matrix';

const DOC = join(__dirname, '../../docs/access-matrix.md');
const HEADER = ['Method', 'Path', 'no token', ...ROLES, 'Scope'];

interface DocRow {
  key: string;
  cells: string[];
  scope: string;
}

/** The rows of the first table after the `## <service>` heading. */
function tableOf(markdown: string, service: ServiceName): { header: string[]; rows: DocRow[] } {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^## \`?${service}\`?(\\s|$)`).test(l));
  if (start < 0) throw new Error(`docs/access-matrix.md has no section "## ${service}"`);
  const table: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('|')) table.push(splitRow(line));
    else if (table.length > 0) break;
  }
  const [header, , ...body] = table;
  return {
    header: header ?? [],
    rows: body.map((cells) => ({
      key: `${cells[0]} ${cells[1].replace(/`/g, '')}`,
      cells: cells.slice(2, 2 + 1 + ROLES.length),
      scope: cells[cells.length - 1],
    })),
  };
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

describe('docs/access-matrix.md', () => {
  const markdown = readFileSync(DOC, 'utf8');

  it.each(SERVICE_NAMES)(
    'lists exactly the routes of %s that test/access/access-matrix.ts has',
    (service) => {
      const { header, rows } = tableOf(markdown, service);
      expect(header).toEqual(HEADER);
      expect(rows.map((r) => r.key).sort()).toEqual(ACCESS_MATRIX[service].map(routeKey).sort());
    },
  );

  it.each(SERVICE_NAMES)('gives every caller of %s the same answer and scope as the matrix', (service) => {
    const rows = new Map(tableOf(markdown, service).rows.map((r) => [r.key, r]));
    for (const route of ACCESS_MATRIX[service]) {
      const row = rows.get(routeKey(route))!;
      const expected = (['anonymous', ...ROLES] as const).map((caller) =>
        isAllowed(route, caller) ? '✓' : caller === 'anonymous' ? '401' : '403',
      );
      expect({ route: row.key, cells: row.cells, scope: row.scope }).toEqual({
        route: row.key,
        cells: expected,
        scope: route.scope,
      });
    }
  });
});

describe('the access matrix', () => {
  it.each(SERVICE_NAMES)('names each route of %s once', (service) => {
    const keys = ACCESS_MATRIX[service].map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the audit trail for admins, in every service', () => {
    for (const service of SERVICE_NAMES) {
      const audit = ACCESS_MATRIX[service].find((r) => routeKey(r) === 'GET /api/v1/audit');
      expect({ service, roles: audit?.roles }).toEqual({ service, roles: ['admin'] });
    }
  });

  it('gives ops no route that changes a referral, a task or a placement', () => {
    const changes = SERVICE_NAMES.filter((s) => s !== 'ops-console').flatMap((s) =>
      ACCESS_MATRIX[s].filter((r) => r.method !== 'GET' && r.roles.includes('ops')).map(routeKey),
    );
    // Matching is a read (a search with a body), not a change.
    expect(changes).toEqual(['POST /api/v1/matching/candidates']);
  });
});
