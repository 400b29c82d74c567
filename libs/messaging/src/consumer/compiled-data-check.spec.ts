import {
  AttendanceData,
  ConsentDto,
  dataSchemaOf,
  SAMENSPEL_CONTRACTS,
  TeamData,
  WaitlistEnteredData,
  type DataClass,
} from '@samenspel/contracts';
import { plainToInstance } from 'class-transformer';
import fc from 'fast-check';
import { refResolver, schemaArbitrary, type JsonSchema } from '../../../../test/fuzz/schema-arbitrary';
import { compiledDataCheck } from './compiled-data-check';
import { validateData, validateWithClassValidator } from './validate-data';

/**
 * The compiled check decides only what class-validator would decide alike: for every contract, a
 * table of valid and invalid data gets the same decision, the same errors (field paths included)
 * and the same fields outside the contract with and without it.
 */
const SEED = 20261207;

function schemaOf(cls: DataClass): JsonSchema {
  return dataSchemaOf(cls) as JsonSchema;
}

function generated(cls: DataClass, plain: boolean, numRuns: number): unknown[] {
  const schema = schemaOf(cls);
  return fc.sample(schemaArbitrary(schema, refResolver(schema), { plain }), { seed: SEED, numRuns });
}

const FUTURE = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
/** Values that break a field in one way or another, or only just do not. */
const FIELD_VALUES: unknown[] = [
  null,
  '',
  12.5,
  -1,
  28,
  true,
  {},
  [],
  ['x'],
  [1],
  'yr 4f9c2a7b',
  'GM0344',
  '3511',
  'x'.repeat(64),
  'x'.repeat(65),
  `${'n'.repeat(200)}\uFE0F`,
  `${'n'.repeat(63)}\uFE0F`,
  '\uFE0F',
  '2025-03-0\uFE0F',
  '2025-03-04\uFE0F',
  '\u{1F600}'.repeat(40),
  'a\u0000b',
  '\uD800',
  '2025-02-30',
  '2025-02-28T10:00:00Z',
  '2025-02-30T10:00:00Z',
  '2025-060',
  FUTURE,
  'morgen',
];

/** The same data with one field broken, missing, or unknown; at the top and in nested objects. */
function variants(valid: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [key, current] of Object.entries(valid)) {
    const { [key]: _dropped, ...rest } = valid;
    out.push(rest);
    for (const value of FIELD_VALUES) out.push({ ...valid, [key]: value });
    out.push({ ...valid, [key]: [current] });
    if (current && typeof current === 'object' && !Array.isArray(current)) {
      out.push(...variants(current as Record<string, unknown>).map((v) => ({ ...valid, [key]: v })));
    }
  }
  for (const key of ['bsn', 'constructor', 'toString', 'hasOwnProperty']) out.push({ ...valid, [key]: 'x' });
  out.push(JSON.parse(`{"__proto__": "x", ${JSON.stringify(valid).slice(1)}`));
  out.push(JSON.parse(`{"__proto__": {"bsn": "x"}, ${JSON.stringify(valid).slice(1)}`));
  out.push({ ...valid, bsn: JSON.parse('{"a":'.repeat(20000) + '1' + '}'.repeat(20000)) });
  out.push(null, [valid], 'text');
  return out;
}

const CLASSES = [...new Map(SAMENSPEL_CONTRACTS.map((c) => [c.dataClass, c.type])).entries()];

describe.each(CLASSES.map(([cls, type]) => ({ cls, type })))('$type ($cls.name)', ({ cls }) => {
  const plain = generated(cls, true, 15);
  const unicode = generated(cls, false, 15);
  const valid = [...plain, ...unicode].filter(
    (d) => validateWithClassValidator(cls, d as object).errors.length === 0,
  );

  it('compiles a check', () => {
    expect(compiledDataCheck(cls)).not.toBeNull();
  });

  it('accepts, by the compiled check alone, the plain data class-validator accepts', () => {
    const check = compiledDataCheck(cls)!;
    const accepted = plain.filter((d) => validateWithClassValidator(cls, d as object).errors.length === 0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const data of accepted) {
      expect({ data, decision: check.schema(data) && check.rules(plainToInstance(cls, data)) }).toEqual({
        data,
        decision: true,
      });
    }
  });

  it('decides every sample as class-validator does, with the same errors and unknown fields', () => {
    const samples = [...plain, ...unicode, ...variants(valid[0] as Record<string, unknown>)];
    let refused = 0;
    for (const data of samples) {
      const expected =
        data !== null && typeof data === 'object' && !Array.isArray(data)
          ? validateWithClassValidator(cls, data)
          : { errors: ['data: must be a JSON object'], unknownFields: [] };
      const actual = validateData(cls, data);
      if (expected.errors.length) refused++;
      expect({ data, ...actual }).toStrictEqual({ data, ...expected });
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(samples.length);
  });
});

describe('the rules the schema cannot state', () => {
  const aValid = (cls: DataClass) =>
    generated(cls, true, 20).find(
      (d) => validateWithClassValidator(cls, d as object).errors.length === 0,
    ) as Record<string, unknown>;
  const entered = aValid(WaitlistEnteredData);
  const consent = entered.consent as object;
  const attendance = aValid(AttendanceData);

  it.each([
    [
      'a consent given in the future',
      WaitlistEnteredData,
      entered,
      { consent: { ...consent, givenAt: FUTURE } },
    ],
    ['a date that does not exist', WaitlistEnteredData, entered, { enteredAt: '2025-02-30T10:00:00Z' }],
    // class-validator does not count a variation selector: 9 characters for Length(10, 10).
    [
      'a date shortened by a variation selector',
      AttendanceData,
      attendance,
      { sessionDate: '2025-03-0\uFE0F' },
    ],
  ])(
    'refuses %s, which the schema accepts, and names the field without its value',
    (_s, cls, valid, patch) => {
      const data = { ...valid, ...patch };
      const [field] = Object.keys(patch);
      expect(compiledDataCheck(cls as DataClass)!.schema(data)).toBe(true);
      const { value, errors, unknownFields } = validateData(cls as DataClass, data);
      expect({ value, unknownFields }).toEqual({ value: undefined, unknownFields: [] });
      expect(errors.map((e) => e.split(':')[0].split('.')[0])).toEqual([field]);
      expect(errors.join('; ')).not.toMatch(/2025-02-30|2025-03-0\uFE0F|\d{4}-\d\d-\d\dT/);
    },
  );

  it('accepts what class-validator accepts though the schema does not: a variation selector past maxLength', () => {
    const data = {
      teamId: 'team-0001',
      name: `${'n'.repeat(200)}\uFE0F`,
      organisation: 'Buurtwerk',
      municipalityCodes: ['GM0344'],
    };
    expect(compiledDataCheck(TeamData)!.schema(data)).toBe(false);
    expect(validateData(TeamData, data)).toEqual({
      value: expect.any(TeamData),
      errors: [],
      unknownFields: [],
    });
  });

  it('hands over a DTO instance, with nested DTO instances, when the compiled check accepts', () => {
    const { value } = validateData(WaitlistEnteredData, entered);
    expect(value).toBeInstanceOf(WaitlistEnteredData);
    expect(value?.consent).toBeInstanceOf(ConsentDto);
    expect(value).toEqual(entered);
  });
});

describe('a class the check cannot state', () => {
  it('is left to class-validator: one without rules, which class-validator refuses outright', () => {
    class Unruled {}
    expect(compiledDataCheck(Unruled)).toBeNull();
    expect(validateData(Unruled, {}).errors).toEqual([expect.stringMatching(/unknown value/)]);
  });
});
