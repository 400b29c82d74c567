import fc from 'fast-check';
import {
  awkwardString,
  deeplyNestedJson,
  edgeNumber,
  hostileJson,
  hugeString,
  PROTOTYPE_KEYS,
  valueOfAnotherType,
} from './hostile-values';
import { withContractVocabulary } from './contract-vocabulary';
import type { WriteOperation } from './openapi-operations';
import { admittedTypes, schemaArbitrary, type JsonSchema, type RefResolver } from './schema-arbitrary';

/** One generated HTTP request; `label` says what kind of hostility it carries. */
export interface FuzzRequest {
  label: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  toString(): string;
}

const JSON_TYPE = 'application/json';

/** A lone surrogate cannot be URL-encoded: a UTF-8 round trip turns it into U+FFFD. */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** Header values must be ISO-8859-1 for fetch: printable ASCII only. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019"/*,-W= '.split('')), maxLength: 40 }),
  fc.constantFrom(
    '*',
    'W/"1"',
    '"1"',
    '""',
    '"',
    'W/',
    '"-1"',
    '"9999999999999999999999"',
    'null',
    '1, 2, "3"',
  ),
  fc.constant(`"${'9'.repeat(4000)}"`),
);

/** Mostly well-formed ids, so that requests get past the path pipes to the use cases. */
const pathValue = fc.oneof(
  { arbitrary: fc.uuid(), weight: 6 },
  { arbitrary: fc.stringMatching(/^fuzz-[a-z0-9]{1,12}$/), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      'null',
      '__proto__',
      'constructor',
      '..',
      '.',
      '%',
      'a b',
      'ü',
      '\u0000',
    ),
    weight: 1,
  },
  { arbitrary: awkwardString.filter((s) => s.length > 0), weight: 1 },
  { arbitrary: hugeString(3000), weight: 1 },
);

const queryPart = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...PROTOTYPE_KEYS, 'limit', 'offset', 'a[__proto__][x]', 'constructor[prototype][x]'),
        awkwardString,
      ),
      fc.oneof(awkwardString, edgeNumber.map(String)),
    )
    .map(([k, v]) => `?${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`),
);

/** Requests against one write operation: schema-shaped bodies with one defect, random JSON, broken JSON, odd headers. */
export function requestArbitrary(
  baseUrl: string,
  op: WriteOperation,
  resolve: RefResolver,
  authorization: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const schema: JsonSchema = op.body ?? { type: 'object', properties: {} };
  const shaped = schemaArbitrary(withContractVocabulary(schema, resolve), resolve).map((b) =>
    b && typeof b === 'object' && !Array.isArray(b) ? b : {},
  );
  const properties = Object.entries((schema.$ref ? resolve(schema.$ref) : schema).properties ?? {});
  const property = properties.length
    ? fc.constantFrom(...properties)
    : fc.constant(['fuzz', { type: 'string' }] as [string, JsonSchema]);

  const bodies: fc.Arbitrary<{ label: string; body?: string; contentType?: string }>[] = [
    shaped.map((b) => ({ label: 'schema-shaped body', body: JSON.stringify(b) })),
    fc.tuple(shaped, property).chain(([b, [name, s]]) =>
      valueOfAnotherType(admittedTypes(s, resolve), true).map((bad) => ({
        label: `body.${name} of a wrong type`,
        body: JSON.stringify({ ...(b as object), [name]: bad }),
      })),
    ),
    fc.tuple(shaped, property, hugeString(60_000)).map(([b, [name], huge]) => ({
      label: `body.${name} huge`,
      body: JSON.stringify({ ...(b as object), [name]: huge }),
    })),
    // A NUL in an otherwise well-formed string field (or a new one): PostgreSQL text cannot hold it.
    // (Never filter here: a schema without string fields would make fast-check search forever.)
    shaped.map((b) => {
      const fields = b as Record<string, unknown>;
      const name = Object.keys(fields).find((k) => typeof fields[k] === 'string') ?? 'fuzz';
      const value = typeof fields[name] === 'string' ? (fields[name] as string) : 'x';
      return {
        label: `body.${name} with a NUL`,
        body: JSON.stringify({ ...fields, [name]: `${value.slice(0, -1)}\u0000` }),
      };
    }),
    fc.tuple(shaped, property, edgeNumber).map(([b, [name], n]) => ({
      label: `body.${name} = ${n}`,
      body: JSON.stringify({ ...(b as object), [name]: n }),
    })),
    fc.tuple(shaped, fc.constantFrom(...PROTOTYPE_KEYS), hostileJson).map(([b, key, value]) => {
      // Written as text: in an object literal "__proto__" would set the prototype, not a field.
      const text = JSON.stringify(b);
      const rest = text === '{}' ? '}' : `,${text.slice(1)}`;
      return { label: `body with "${key}"`, body: `{${JSON.stringify(key)}:${JSON.stringify(value)}${rest}` };
    }),
    hostileJson.map((json) => ({ label: 'random JSON body', body: JSON.stringify(json) ?? 'null' })),
    fc
      .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([depth, kind]) => ({
        label: `body nested ${depth} deep`,
        body: deeplyNestedJson(depth, kind),
      })),
    fc
      .constantFrom('{', '{"a":', "{'a':1}", 'NaN', '\u0000', '', '[1,]', '{"a":1}{"b":2}', '\uFEFF{}')
      .map((body) => ({
        label: `broken JSON ${JSON.stringify(body)}`,
        body,
      })),
    fc
      .constantFrom(
        { contentType: 'text/plain', body: 'hello' },
        {
          contentType: 'application/x-www-form-urlencoded',
          body: 'a[__proto__][admin]=1&constructor[prototype][x]=1',
        },
        { contentType: 'application/x-www-form-urlencoded', body: `${'a['.repeat(200)}=1` },
        { contentType: 'application/json; charset=utf-16', body: '{}' },
        { contentType: 'application/json; charset=latin1', body: '{}' },
        { contentType: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
        { contentType: 'application/xml', body: '<a/>' },
      )
      .map((b) => ({ label: `body as ${b.contentType}`, ...b })),
    fc.constant({ label: 'no body' }),
  ];

  return fc
    .record({
      body: fc.oneof({ arbitrary: bodies[0], weight: bodies.length }, ...bodies.slice(1)),
      params: fc.array(pathValue, { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
      query: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, queryPart),
      ifMatch: fc.option(headerValue, { nil: undefined }),
      token: fc.oneof(
        { arbitrary: fc.constant('valid'), weight: 9 },
        { arbitrary: fc.constantFrom('Bearer garbage', 'Bearer ', 'Basic YTpi', 'Bearer a.b.c'), weight: 1 },
      ),
    })
    .map(({ body, params, query, ifMatch, token }) => {
      let path = op.path;
      op.pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, encodeURIComponent(wellFormed(params[i])));
      });
      const headers: Record<string, string> =
        token === 'valid' ? { ...authorization } : { authorization: token };
      if (body.body !== undefined) headers['content-type'] = body.contentType ?? JSON_TYPE;
      if (ifMatch !== undefined) headers['if-match'] = ifMatch;
      const label = `${op.method} ${path.slice(0, 120)}${query.slice(0, 60)}: ${body.label}${ifMatch !== undefined ? `, If-Match ${ifMatch.slice(0, 20)}` : ''}${token === 'valid' ? '' : `, authorization ${token}`}`;
      return { label, url: `${baseUrl}${path}${query}`, headers, body: body.body, toString: () => label };
    });
}
