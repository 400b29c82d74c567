import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';

/** The part of JSON Schema (2020-12) our event schemas and the services' OpenAPI documents use. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  nullable?: boolean;
  description?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Resolves `#/$defs/x` and `#/components/schemas/x` against the document the schema came from. */
export type RefResolver = (ref: string) => JsonSchema;

export function refResolver(document: object): RefResolver {
  return (ref) => {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = document;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)?.[part];
    if (!node) throw new Error(`unresolved $ref ${ref}`);
    return node as JsonSchema;
  };
}

const SCHEMA_DIR = resolve(__dirname, '../../libs/contracts/schemas');

/** The generated JSON Schema of an event type's `data` (libs/contracts/schemas). */
export function eventDataSchema(type: string): { schema: JsonSchema; resolve: RefResolver } {
  const schema = JSON.parse(readFileSync(resolve(SCHEMA_DIR, `${type}.json`), 'utf8')) as JsonSchema;
  return { schema, resolve: refResolver(schema) };
}

/** Dates that exist, from 2000 to 2100, as RFC 3339 strings. */
export const isoDateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Strings of any Unicode: ASCII, graphemes (emoji, combining marks) and any code point. */
export function unicodeString(minLength = 0, maxLength = 64): fc.Arbitrary<string> {
  // NUL (which PostgreSQL text cannot hold), a right-to-left override, a byte-order mark.
  const awkward = ['a\u0000b', '\u202Eabc', '\uFEFFabc', 'x\r\ny', "O'Brien"].filter(
    (s) => s.length >= minLength && s.length <= maxLength,
  );
  return fc.oneof(
    fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.string({ minLength, maxLength, unit: 'binary' }),
    ...(awkward.length ? [fc.constantFrom(...awkward)] : []),
  );
}

/** JSON types a schema admits (used to pick a value of another type). */
export function admittedTypes(schema: JsonSchema, resolve: RefResolver): Set<string> {
  if (schema.$ref) return admittedTypes(resolve(schema.$ref), resolve);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return new Set(alternatives.flatMap((s) => [...admittedTypes(s, resolve)]));
  if (schema.allOf) return new Set(schema.allOf.flatMap((s) => [...admittedTypes(s, resolve)]));
  const types = new Set<string>();
  if (schema.enum || schema.const !== undefined) {
    for (const v of schema.enum ?? [schema.const]) types.add(v === null ? 'null' : typeof v);
  }
  for (const t of [schema.type ?? []].flat()) types.add(t === 'integer' ? 'number' : t);
  if (schema.nullable) types.add('null');
  if (types.size === 0)
    ['string', 'number', 'boolean', 'object', 'array', 'null'].forEach((t) => types.add(t));
  return types;
}

/**
 * An arbitrary of values that the schema accepts. Each part is drawn from the schema's own
 * constraints (patterns, lengths, bounds, enums), so most values are valid for the class-validator
 * DTO the schema was generated from; callers filter with the DTO itself to be sure.
 */
export function schemaArbitrary(
  schema: JsonSchema,
  resolve: RefResolver,
  options: { plain?: boolean } = {},
): fc.Arbitrary<unknown> {
  return arbitraryOf(schema, resolve, 0, options.plain ?? false);
}

function arbitraryOf(
  schema: JsonSchema,
  resolve: RefResolver,
  depth: number,
  plain: boolean,
): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (schema.$ref) return arbitraryOf(resolve(schema.$ref), resolve, depth + 1, plain);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryOf(s, resolve, depth + 1, plain)));
  if (schema.allOf) return arbitraryOf(Object.assign({}, ...schema.allOf), resolve, depth + 1, plain);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const value = typedArbitrary(type, schema, resolve, depth, plain);
  return schema.nullable ? fc.option(value, { nil: null }) : value;
}

function typedArbitrary(
  type: string | undefined,
  schema: JsonSchema,
  resolve: RefResolver,
  depth: number,
  plain: boolean,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, plain);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? -1_000_000,
        max: schema.maximum ?? 1_000_000,
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? arbitraryOf(schema.items, resolve, depth + 1, plain) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object':
    case undefined:
      return objectArbitrary(schema, resolve, depth, plain);
    default:
      throw new Error(`unsupported schema type ${type}`);
  }
}

function stringArbitrary(schema: JsonSchema, plain: boolean): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 200;
  const fitsLength = (s: string) => s.length >= minLength && s.length <= maxLength;
  if (schema.format === 'date-time' || (schema.pattern && /ISO 8601/.test(schema.description ?? ''))) {
    return isoDateTime;
  }
  if (schema.format === 'uri' || schema.format === 'uri-reference') return fc.webUrl().filter(fitsLength);
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.pattern) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern).filter(fitsLength);
    } catch {
      // A pattern fast-check cannot generate from (look-arounds): a date is the only such case.
      return isoDateTime;
    }
  }
  if (plain) return fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).filter(fitsLength);
  return unicodeString(minLength, Math.min(maxLength, 80));
}

function objectArbitrary(
  schema: JsonSchema,
  resolve: RefResolver,
  depth: number,
  plain: boolean,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      return fc.dictionary(
        fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/),
        arbitraryOf(schema.additionalProperties, resolve, depth + 1, plain),
        { maxKeys: 4 },
      );
    }
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  }
  const record = Object.fromEntries(
    keys.map((k) => [k, arbitraryOf(properties[k], resolve, depth + 1, plain)]),
  ) as Record<string, fc.Arbitrary<unknown>>;
  return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
}
