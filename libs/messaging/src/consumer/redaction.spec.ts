import { jsonPointer, REDACTED, redactFields } from './redaction';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('redacting the fields outside a contract', () => {
  it.each([
    ['no path', '{"a":1}', [], undefined],
    ['a value that is not JSON', '{"data":{"name":"Jan"', [['data', 'name']], undefined],
    ['bytes that are no JSON text', '\u00ff\u00fe', [['name']], undefined],
    ['a path the value does not hold', '{"data":{"seq":1}}', [['data', 'name']], undefined],
    ['a path through a field that is no object', '{"data":"text"}', [['data', 'name']], undefined],
    ['a path into the prototype, not an own field', '{"data":{}}', [['data', 'toString']], undefined],
  ])('leaves the value alone with %s', (_case, value, paths, expected) => {
    expect(redactFields(Buffer.from(value, 'latin1'), paths)).toBe(expected);
  });

  it.each([
    [
      'top-level fields in binary mode',
      { youthRef: 'yr_12345678', name: 'Jan de Vries', bsn: '111222333' },
      [['name'], ['bsn']],
      { youthRef: 'yr_12345678', name: REDACTED, bsn: REDACTED },
      ['/name', '/bsn'],
    ],
    [
      'fields in the data of a structured event, whatever their type',
      {
        id: 'e-1',
        data: { seq: 1, birthDate: '2010-05-01', address: { street: 'Oudegracht 1' }, tags: [1] },
      },
      [
        ['data', 'birthDate'],
        ['data', 'address'],
        ['data', 'tags'],
      ],
      { id: 'e-1', data: { seq: 1, birthDate: REDACTED, address: REDACTED, tags: REDACTED } },
      ['/data/birthDate', '/data/address', '/data/tags'],
    ],
    [
      'a field nested in an object and one in an array element',
      { data: { consent: { given: true, name: 'Jan' }, items: [{ a: 1, email: 'j@example.org' }] } },
      [
        ['data', 'consent', 'name'],
        ['data', 'items', '0', 'email'],
      ],
      { data: { consent: { given: true, name: REDACTED }, items: [{ a: 1, email: REDACTED }] } },
      ['/data/consent/name', '/data/items/0/email'],
    ],
    [
      'a null value and names that need escaping in a pointer',
      { data: { 'a/b': null, 'c~d': 'x' } },
      [
        ['data', 'a/b'],
        ['data', 'c~d'],
      ],
      { data: { 'a/b': REDACTED, 'c~d': REDACTED } },
      ['/data/a~1b', '/data/c~0d'],
    ],
    [
      'only the paths it holds',
      { data: { name: 'Jan' } },
      [
        ['data', 'bsn'],
        ['data', 'name'],
      ],
      { data: { name: REDACTED } },
      ['/data/name'],
    ],
  ])('replaces the values of %s', (_case, value, paths, expected, pointers) => {
    const redacted = redactFields(json(value), paths);
    expect(JSON.parse(redacted!.value.toString('utf8'))).toEqual(expected);
    expect(redacted!.pointers).toEqual(pointers);
  });

  it('replaces a field named __proto__ as an own field, keeping no copy of its value', () => {
    const redacted = redactFields(Buffer.from('{"data":{"__proto__":{"name":"Jan"}}}'), [
      ['data', '__proto__'],
    ]);
    expect(redacted!.value.toString('utf8')).toBe('{"data":{"__proto__":"[redacted]"}}');
    expect(redacted!.pointers).toEqual(['/data/__proto__']);
  });

  it('keeps no earlier copy of a field given twice (JSON keeps the last)', () => {
    const redacted = redactFields(Buffer.from('{"name":"Jan","name":"Piet","seq":1}'), [['name']]);
    expect(redacted!.value.toString('utf8')).toBe('{"name":"[redacted]","seq":1}');
  });

  it.each([
    [[], ''],
    [['data'], '/data'],
    [['data', 'a/b', 'c~d', '0'], '/data/a~1b/c~0d/0'],
  ])('writes the path %p as the JSON pointer %p', (path, pointer) => {
    expect(jsonPointer(path)).toBe(pointer);
  });
});
