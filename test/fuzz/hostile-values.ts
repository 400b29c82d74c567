import fc from 'fast-check';
import { unicodeString } from './schema-arbitrary';

/** Keys that attack a naive object merge or a class instance (prototype pollution). */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** A JSON value nested `depth` levels deep, as text (JSON.stringify would recurse as deep). */
export function deeplyNestedJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Numbers at the edges: of int32, of safe integers, of doubles, and just beside common bounds. */
export const edgeNumber = fc.constantFrom(
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  Number.EPSILON,
  123456789012345680000,
);

/** A string of about `size` characters: long ASCII, or long Unicode. */
export function hugeString(size: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('x'.repeat(size)),
    fc.constant('\u{1F600}'.repeat(Math.ceil(size / 2))),
    fc.constant('ä\u0301'.repeat(Math.ceil(size / 2))),
  );
}

/** Awkward strings: control characters, NUL, right-to-left marks, SQL and path fragments, emoji. */
export const awkwardString = fc.oneof(
  unicodeString(0, 40),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u202Eevil',
    '\uFEFF',
    "'; DROP TABLE inbox_event; --",
    '../../etc/passwd',
    '%00',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    '\uD800',
    'null',
    'undefined',
    'NaN',
  ),
);

/** Any JSON value, including hostile strings and keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 }), {
    minKeys: 1,
    maxKeys: 3,
  }),
  awkwardString,
  edgeNumber,
);

/** A JSON value of a JSON type outside `admitted` (string, number, boolean, object, array, null). */
export function valueOfAnotherType(admitted: Set<string>, allowNull: boolean): fc.Arbitrary<unknown> {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', awkwardString],
    ['number', fc.oneof(fc.integer(), edgeNumber)],
    ['boolean', fc.boolean()],
    ['object', fc.oneof(fc.object({ maxDepth: 1 }), fc.constant({ __proto__: { admin: true } }))],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
    ['null', fc.constant(null)],
  ];
  const others = all.filter(([t]) => !admitted.has(t) && (allowNull || t !== 'null'));
  return fc.oneof(...others.map(([, a]) => a));
}
