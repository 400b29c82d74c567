import { unstorableTextPath } from './storable-text';

describe('text PostgreSQL can store', () => {
  it.each([
    ['a plain object', { name: 'Jongerenwerk', codes: ['GM0344'], nested: { emoji: '\u{1F600}' } }],
    ['a string', 'ä\u0301'],
    ['a number', 42],
  ])('accepts %s', (_case, value) => {
    expect(unstorableTextPath(value)).toBeUndefined();
  });

  it.each([
    ['a NUL in a nested field', { consent: { givenBy: 'a\u0000b' } }, 'consent.givenBy'],
    ['a NUL in an array item', { interests: ['music', '\u0000'] }, 'interests.1'],
    ['a lone high surrogate', { reason: 'x\uD800' }, 'reason'],
    ['a lone low surrogate', { reason: '\uDC00x' }, 'reason'],
    ['a NUL in a key', { context: { 'a\u0000': 1 } }, 'context.a\u0000'],
  ])('finds %s', (_case, value, path) => {
    expect(unstorableTextPath(value)).toBe(path);
  });

  it('walks data nested far deeper than the call stack allows', () => {
    const deep = JSON.parse('{"a":'.repeat(50000) + '"\\u0000"' + '}'.repeat(50000)) as object;
    expect(unstorableTextPath(deep)).toMatch(/^a(\.a)+$/);
  });
});
