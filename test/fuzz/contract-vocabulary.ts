import { readdirSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { eventDataSchema, type JsonSchema, type RefResolver } from './schema-arbitrary';

/** A schema with every $ref replaced by what it points at (cut off after a few levels). */
export function inlined(schema: JsonSchema, resolve: RefResolver, depth = 0): JsonSchema {
  if (depth > 6) return {};
  if (schema.$ref) return inlined(resolve(schema.$ref), resolve, depth + 1);
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, s]) => [k, inlined(s, resolve, depth + 1)]),
    );
  }
  if (schema.items) out.items = inlined(schema.items, resolve, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (schema[key]) out[key] = schema[key].map((s) => inlined(s, resolve, depth + 1));
  }
  return out;
}

let vocabulary: Map<string, JsonSchema> | undefined;

/** Field name → its schema in the event contracts (youthRef, municipalityCode, postcode4, …). */
function contractVocabulary(): Map<string, JsonSchema> {
  if (vocabulary) return vocabulary;
  vocabulary = new Map();
  const dir = resolvePath(__dirname, '../../libs/contracts/schemas');
  for (const file of readdirSync(dir).filter((f) => f.startsWith('nl.'))) {
    const { schema, resolve } = eventDataSchema(file.replace(/\.json$/, ''));
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      if (!vocabulary.has(name)) vocabulary.set(name, inlined(s, resolve));
    }
  }
  return vocabulary;
}

function constrained(s: JsonSchema): boolean {
  if (s.pattern || s.enum || s.format || s.const !== undefined) return true;
  return s.items ? constrained(s.items) : false;
}

/**
 * The OpenAPI document does not carry every class-validator rule (patterns, mostly). Where a body
 * field has no pattern, enum or format of its own and the event contracts know a field of that
 * name, take the contract's schema: requests then get past validation to the use cases more often.
 */
export function withContractVocabulary(schema: JsonSchema, resolve: RefResolver): JsonSchema {
  const flat = inlined(schema, resolve);
  const words = contractVocabulary();
  const enrich = (s: JsonSchema): JsonSchema => {
    if (!s.properties) return s;
    return {
      ...s,
      properties: Object.fromEntries(
        Object.entries(s.properties).map(([name, p]) => {
          const known = words.get(name);
          return [name, known && !constrained(p) ? known : enrich(p)];
        }),
      ),
    };
  };
  return enrich(flat);
}
