import { encodeStructured, EnvelopeError, decodeEvent, validateData } from '@samenspel/messaging';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getMetadataStorage } from 'class-validator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMENSPEL_CONTRACTS, type DataClass } from './contract-registry';
import { ConsentDto } from './events/consent.dto';
import { WAITLIST_EVENT_TYPES } from './events/waitlist.events';
import { TOPICS } from './topics';

/**
 * The JSON Schemas in libs/contracts/schemas are what intake systems validate against before they
 * publish; the class-validator DTOs are what our consumers validate against when they receive.
 * These tests keep the two from drifting apart.
 */
const SCHEMA_DIR = join(__dirname, '..', 'schemas');
const ENVELOPE_FILE = 'cloudevent-envelope.json';

/** Topics whose event types must each have a schema; a topic joins once its schemas are written. */
const TOPICS_WITH_SCHEMAS: readonly string[] = [TOPICS.waitlist];

type JsonSchema = {
  $schema?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  $defs?: Record<string, JsonSchema>;
};
type Verdict = 'valid' | 'invalid';
type WaitlistEvent = keyof typeof WAITLIST_EVENT_TYPES;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

function readSchema(file: string): JsonSchema {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as JsonSchema;
}

const validators = new Map<string, ValidateFunction>();
function schemaValidator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    validate = ajv.compile(readSchema(file));
    validators.set(file, validate);
  }
  return validate;
}

function dataClassOf(type: string): DataClass {
  const contract = SAMENSPEL_CONTRACTS.find((c) => c.type === type);
  if (!contract) throw new Error(`no contract registered for ${type}`);
  return contract.dataClass;
}

function verdicts(event: WaitlistEvent, data: unknown): { schema: Verdict; dto: Verdict } {
  const type = WAITLIST_EVENT_TYPES[event];
  const schemaOk = schemaValidator(`${type}.json`)(data);
  const dtoOk = validateData(dataClassOf(type), data).errors.length === 0;
  return { schema: schemaOk ? 'valid' : 'invalid', dto: dtoOk ? 'valid' : 'invalid' };
}

/** The properties class-validator knows on a DTO, and those it requires (no @IsOptional). */
function dtoShape(cls: DataClass): { properties: string[]; required: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const properties = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = new Set(
    metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  return { properties, required: properties.filter((p) => !optional.has(p)) };
}

function schemaShape(schema: JsonSchema): { properties: string[]; required: string[] } {
  return {
    properties: Object.keys(schema.properties ?? {}).sort(),
    required: [...(schema.required ?? [])].sort(),
  };
}

const CONSENT = { youthWork: true, givenBy: 'youth', givenAt: '2025-03-01T09:30:00Z' };
const ENTERED = {
  waitlistEntryId: 'jz-utrecht:wl-000123',
  youthRef: 'yr_4f9c2a7b',
  ageYears: 15,
  postcode4: '3511',
  municipalityCode: 'GM0344',
  careCategory: 'ambulante-jeugdhulp',
  expectedWaitWeeks: 12,
  interests: ['voetbal', 'muziek'],
  consent: CONSENT,
  enteredAt: '2025-03-01T09:30:00Z',
};
const UPDATED = { waitlistEntryId: 'jz-utrecht:wl-000123', youthRef: 'yr_4f9c2a7b' };
const EXITED = {
  waitlistEntryId: 'jz-utrecht:wl-000123',
  youthRef: 'yr_4f9c2a7b',
  reason: 'care-started',
  exitedAt: '2025-06-02T08:00:00+02:00',
};

const words = (n: number) => Array.from({ length: n }, (_, i) => `interest-${i + 1}`);
const without = (data: object, key: string) =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));

interface Sample {
  scenario: string;
  event: WaitlistEvent;
  data: unknown;
  expected: Verdict;
}

const SAMPLES: Sample[] = [
  { scenario: 'a complete entered event', event: 'entered', data: ENTERED, expected: 'valid' },
  // Ages: the DTO allows 0-27 whole years (youth work serves up to 27).
  {
    scenario: 'a newborn (ageYears 0)',
    event: 'entered',
    data: { ...ENTERED, ageYears: 0 },
    expected: 'valid',
  },
  { scenario: 'the oldest age, 27', event: 'entered', data: { ...ENTERED, ageYears: 27 }, expected: 'valid' },
  { scenario: 'ageYears 28', event: 'entered', data: { ...ENTERED, ageYears: 28 }, expected: 'invalid' },
  { scenario: 'ageYears -1', event: 'entered', data: { ...ENTERED, ageYears: -1 }, expected: 'invalid' },
  { scenario: 'ageYears 15.5', event: 'entered', data: { ...ENTERED, ageYears: 15.5 }, expected: 'invalid' },
  {
    scenario: 'ageYears as a string',
    event: 'entered',
    data: { ...ENTERED, ageYears: '15' },
    expected: 'invalid',
  },
  // Postcodes: the four digits of a Dutch postcode run from 1000 to 9999.
  {
    scenario: 'postcode4 "0999"',
    event: 'entered',
    data: { ...ENTERED, postcode4: '0999' },
    expected: 'invalid',
  },
  {
    scenario: 'postcode4 "1000"',
    event: 'entered',
    data: { ...ENTERED, postcode4: '1000' },
    expected: 'valid',
  },
  {
    scenario: 'postcode4 "9999"',
    event: 'entered',
    data: { ...ENTERED, postcode4: '9999' },
    expected: 'valid',
  },
  {
    scenario: 'postcode4 "12345"',
    event: 'entered',
    data: { ...ENTERED, postcode4: '12345' },
    expected: 'invalid',
  },
  {
    scenario: 'postcode4 with letters',
    event: 'entered',
    data: { ...ENTERED, postcode4: '3511AB' },
    expected: 'invalid',
  },
  {
    scenario: 'postcode4 as a number',
    event: 'entered',
    data: { ...ENTERED, postcode4: 3511 },
    expected: 'invalid',
  },
  // CBS municipality codes: upper-case GM and four digits.
  {
    scenario: 'municipalityCode "GM0344"',
    event: 'entered',
    data: { ...ENTERED, municipalityCode: 'GM0344' },
    expected: 'valid',
  },
  {
    scenario: 'municipalityCode "gm0344"',
    event: 'entered',
    data: { ...ENTERED, municipalityCode: 'gm0344' },
    expected: 'invalid',
  },
  {
    scenario: 'municipalityCode "GM344"',
    event: 'entered',
    data: { ...ENTERED, municipalityCode: 'GM344' },
    expected: 'invalid',
  },
  // youthRef: 8-64 of [A-Za-z0-9_-].
  {
    scenario: 'youthRef of 8 characters',
    event: 'entered',
    data: { ...ENTERED, youthRef: 'abcd-_12' },
    expected: 'valid',
  },
  {
    scenario: 'youthRef of 64 characters',
    event: 'entered',
    data: { ...ENTERED, youthRef: 'y'.repeat(64) },
    expected: 'valid',
  },
  {
    scenario: 'youthRef of 7 characters',
    event: 'entered',
    data: { ...ENTERED, youthRef: 'abcdefg' },
    expected: 'invalid',
  },
  {
    scenario: 'youthRef of 65 characters',
    event: 'entered',
    data: { ...ENTERED, youthRef: 'y'.repeat(65) },
    expected: 'invalid',
  },
  {
    scenario: 'youthRef with a space',
    event: 'entered',
    data: { ...ENTERED, youthRef: 'yr 4f9c2a7b' },
    expected: 'invalid',
  },
  {
    scenario: 'youthRef with a trailing newline',
    event: 'entered',
    data: { ...ENTERED, youthRef: 'yr_4f9c2a7b\n' },
    expected: 'invalid',
  },
  // Interests: at most 10 labels of 1-64 characters.
  { scenario: 'no interests', event: 'entered', data: { ...ENTERED, interests: [] }, expected: 'valid' },
  {
    scenario: '10 interests',
    event: 'entered',
    data: { ...ENTERED, interests: words(10) },
    expected: 'valid',
  },
  {
    scenario: '11 interests',
    event: 'entered',
    data: { ...ENTERED, interests: words(11) },
    expected: 'invalid',
  },
  {
    scenario: 'an empty interest',
    event: 'entered',
    data: { ...ENTERED, interests: [''] },
    expected: 'invalid',
  },
  {
    scenario: 'an interest of 65 characters',
    event: 'entered',
    data: { ...ENTERED, interests: ['i'.repeat(65)] },
    expected: 'invalid',
  },
  {
    scenario: 'an interest that is a number',
    event: 'entered',
    data: { ...ENTERED, interests: ['voetbal', 7] },
    expected: 'invalid',
  },
  // Consent.
  ...['youth', 'guardian', 'youth-and-guardian'].map((givenBy): Sample => ({
    scenario: `consent given by "${givenBy}"`,
    event: 'entered',
    data: { ...ENTERED, consent: { ...CONSENT, givenBy } },
    expected: 'valid',
  })),
  ...['parent', 'Youth', ''].map((givenBy): Sample => ({
    scenario: `consent given by "${givenBy}"`,
    event: 'entered',
    data: { ...ENTERED, consent: { ...CONSENT, givenBy } },
    expected: 'invalid',
  })),
  {
    scenario: 'consent refused (youthWork false)',
    event: 'entered',
    data: { ...ENTERED, consent: { ...CONSENT, youthWork: false } },
    expected: 'valid',
  },
  {
    scenario: 'consent youthWork as "true"',
    event: 'entered',
    data: { ...ENTERED, consent: { ...CONSENT, youthWork: 'true' } },
    expected: 'invalid',
  },
  {
    scenario: 'consent without givenAt',
    event: 'entered',
    data: { ...ENTERED, consent: without(CONSENT, 'givenAt') },
    expected: 'invalid',
  },
  {
    scenario: 'consent with an extra field',
    event: 'entered',
    data: { ...ENTERED, consent: { ...CONSENT, name: 'Sanne' } },
    expected: 'invalid',
  },
  {
    scenario: 'consent as a string',
    event: 'entered',
    data: { ...ENTERED, consent: 'yes' },
    expected: 'invalid',
  },
  { scenario: 'consent null', event: 'entered', data: { ...ENTERED, consent: null }, expected: 'invalid' },
  // Other limits.
  {
    scenario: 'an empty careCategory',
    event: 'entered',
    data: { ...ENTERED, careCategory: '' },
    expected: 'invalid',
  },
  {
    scenario: 'expectedWaitWeeks 104',
    event: 'entered',
    data: { ...ENTERED, expectedWaitWeeks: 104 },
    expected: 'valid',
  },
  {
    scenario: 'expectedWaitWeeks 105',
    event: 'entered',
    data: { ...ENTERED, expectedWaitWeeks: 105 },
    expected: 'invalid',
  },
  {
    scenario: 'a waitlistEntryId of 64 characters',
    event: 'entered',
    data: { ...ENTERED, waitlistEntryId: 'w'.repeat(64) },
    expected: 'valid',
  },
  {
    scenario: 'a waitlistEntryId of 65 characters',
    event: 'entered',
    data: { ...ENTERED, waitlistEntryId: 'w'.repeat(65) },
    expected: 'invalid',
  },
  {
    scenario: 'an empty waitlistEntryId',
    event: 'entered',
    data: { ...ENTERED, waitlistEntryId: '' },
    expected: 'invalid',
  },
  // Fields outside the contract (a name, a BSN) must never travel unnoticed.
  {
    scenario: 'an unknown extra field',
    event: 'entered',
    data: { ...ENTERED, bsn: '123456782' },
    expected: 'invalid',
  },
  // (consent is the exception: see the known drift below.)
  ...Object.keys(ENTERED)
    .filter((field) => field !== 'consent')
    .map((field): Sample => ({
      scenario: `entered without ${field}`,
      event: 'entered',
      data: without(ENTERED, field),
      expected: 'invalid',
    })),
  // Dates: IsISO8601({ strict: true }), which takes more than RFC 3339.
  {
    scenario: 'enteredAt with an offset',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '2025-03-01T10:30:00+01:00' },
    expected: 'valid',
  },
  {
    scenario: 'enteredAt with milliseconds',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '2025-03-01T09:30:00.123Z' },
    expected: 'valid',
  },
  {
    scenario: 'enteredAt as a date only',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '2025-03-01' },
    expected: 'valid',
  },
  {
    scenario: 'enteredAt on 29 February of a leap year',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '2024-02-29T12:00:00Z' },
    expected: 'valid',
  },
  {
    scenario: 'enteredAt in month 13',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '2025-13-01T09:30:00Z' },
    expected: 'invalid',
  },
  {
    scenario: 'enteredAt at hour 25',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '2025-03-01T25:00:00Z' },
    expected: 'invalid',
  },
  {
    scenario: 'enteredAt in Dutch order',
    event: 'entered',
    data: { ...ENTERED, enteredAt: '01-03-2025' },
    expected: 'invalid',
  },
  {
    scenario: 'enteredAt in words',
    event: 'entered',
    data: { ...ENTERED, enteredAt: 'gisteren' },
    expected: 'invalid',
  },
  { scenario: 'enteredAt empty', event: 'entered', data: { ...ENTERED, enteredAt: '' }, expected: 'invalid' },
  {
    scenario: 'enteredAt as epoch millis',
    event: 'entered',
    data: { ...ENTERED, enteredAt: 1740821400000 },
    expected: 'invalid',
  },
  // Updated: only the ids are required; IsOptional also lets a field be null.
  { scenario: 'an update with only the ids', event: 'updated', data: UPDATED, expected: 'valid' },
  {
    scenario: 'an update of every optional field',
    event: 'updated',
    data: {
      ...UPDATED,
      ageYears: 16,
      postcode4: '3512',
      municipalityCode: 'GM0363',
      expectedWaitWeeks: 4,
      interests: words(10),
      consent: CONSENT,
    },
    expected: 'valid',
  },
  {
    scenario: 'an update with null fields',
    event: 'updated',
    data: {
      ...UPDATED,
      ageYears: null,
      postcode4: null,
      municipalityCode: null,
      expectedWaitWeeks: null,
      interests: null,
      consent: null,
    },
    expected: 'valid',
  },
  {
    scenario: 'an update to ageYears 28',
    event: 'updated',
    data: { ...UPDATED, ageYears: 28 },
    expected: 'invalid',
  },
  {
    scenario: 'an update to postcode4 "0999"',
    event: 'updated',
    data: { ...UPDATED, postcode4: '0999' },
    expected: 'invalid',
  },
  {
    scenario: 'an update to 11 interests',
    event: 'updated',
    data: { ...UPDATED, interests: words(11) },
    expected: 'invalid',
  },
  {
    scenario: 'an update with consent by "parent"',
    event: 'updated',
    data: { ...UPDATED, consent: { ...CONSENT, givenBy: 'parent' } },
    expected: 'invalid',
  },
  {
    scenario: 'an update of careCategory (not updatable)',
    event: 'updated',
    data: { ...UPDATED, careCategory: 'x' },
    expected: 'invalid',
  },
  {
    scenario: 'an update without youthRef',
    event: 'updated',
    data: without(UPDATED, 'youthRef'),
    expected: 'invalid',
  },
  // Exited.
  ...['care-started', 'withdrawn', 'moved', 'other'].map((reason): Sample => ({
    scenario: `exit for "${reason}"`,
    event: 'exited',
    data: { ...EXITED, reason },
    expected: 'valid',
  })),
  {
    scenario: 'exit for "deceased" (no such reason)',
    event: 'exited',
    data: { ...EXITED, reason: 'deceased' },
    expected: 'invalid',
  },
  {
    scenario: 'exit with a bad exitedAt',
    event: 'exited',
    data: { ...EXITED, exitedAt: '2025-06-02T08:00:00+25:00' },
    expected: 'invalid',
  },
  {
    scenario: 'exit without exitedAt',
    event: 'exited',
    data: without(EXITED, 'exitedAt'),
    expected: 'invalid',
  },
  {
    scenario: 'exit with an extra field',
    event: 'exited',
    data: { ...EXITED, note: 'verhuisd' },
    expected: 'invalid',
  },
  // Not an object at all.
  { scenario: 'data that is an array', event: 'entered', data: [ENTERED], expected: 'invalid' },
  { scenario: 'data that is null', event: 'exited', data: null, expected: 'invalid' },
];

describe('waitlist JSON Schemas against the class-validator DTOs', () => {
  it.each(SAMPLES)('$event, $scenario: both say $expected', ({ event, data, expected }) => {
    expect(verdicts(event, data)).toEqual({ schema: expected, dto: expected });
  });

  it.each(Object.values(WAITLIST_EVENT_TYPES))('%s lists exactly the properties the DTO declares', (type) => {
    expect(schemaShape(readSchema(`${type}.json`))).toEqual(dtoShape(dataClassOf(type)));
  });

  it.each([WAITLIST_EVENT_TYPES.entered, WAITLIST_EVENT_TYPES.updated])(
    '%s describes consent with exactly the fields of ConsentDto',
    (type) => {
      const consent = readSchema(`${type}.json`).$defs?.consent;
      expect(consent && schemaShape(consent)).toEqual(dtoShape(ConsentDto));
    },
  );

  it('refuses an entered event without consent, in the schema and the DTO alike', () => {
    expect(verdicts('entered', without(ENTERED, 'consent'))).toEqual({ schema: 'invalid', dto: 'invalid' });
  });

  it('refuses consent given as an array, in the schema and the DTO alike', () => {
    expect(verdicts('entered', { ...ENTERED, consent: [] })).toEqual({ schema: 'invalid', dto: 'invalid' });
    expect(verdicts('updated', { ...UPDATED, consent: [CONSENT] })).toEqual({
      schema: 'invalid',
      dto: 'invalid',
    });
  });

  it('known drift: the DTO refuses a date that does not exist, the schema pattern cannot', () => {
    // IsISO8601({ strict: true }) checks the calendar (2025 is no leap year); the schema carries
    // validator.js's ISO 8601 pattern only. RFC 3339 (`format: date-time`) on both would close this.
    expect(verdicts('entered', { ...ENTERED, enteredAt: '2025-02-29T12:00:00Z' })).toEqual({
      schema: 'valid',
      dto: 'invalid',
    });
  });
});

describe('schema files', () => {
  const contractsWithSchemas = SAMENSPEL_CONTRACTS.filter((c) => TOPICS_WITH_SCHEMAS.includes(c.topic));

  it('covers every waitlist event type', () => {
    expect(contractsWithSchemas.map((c) => c.type).sort()).toEqual(
      Object.values(WAITLIST_EVENT_TYPES).sort(),
    );
  });

  it.each(contractsWithSchemas.map((c) => c.type))('has a draft 2020-12 schema file for %s', (type) => {
    const file = `${type}.json`;
    expect(existsSync(join(SCHEMA_DIR, file))).toBe(true);
    expect(readSchema(file).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => schemaValidator(file)).not.toThrow();
  });

  it('has no schema file for an event type that is not registered', () => {
    const registered = new Set(SAMENSPEL_CONTRACTS.map((c) => `${c.type}.json`));
    const orphans = readdirSync(SCHEMA_DIR).filter((f) => f !== ENVELOPE_FILE && !registered.has(f));
    expect(orphans).toEqual([]);
  });

  it('forbids additional properties in every object of the data schemas', () => {
    const open: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.additionalProperties !== false) open.push(path);
      for (const [key, child] of Object.entries(schema)) visit(child, `${path}/${key}`);
    };
    for (const type of contractsWithSchemas.map((c) => c.type)) visit(readSchema(`${type}.json`), type);
    expect(open).toEqual([]);
  });
});

describe('CloudEvents envelope schema', () => {
  const validEnvelope = schemaValidator(ENVELOPE_FILE);
  const EVENT = {
    specversion: '1.0' as const,
    id: '0b6c1a4e-5c1f-4a59-9d0e-3f1f0f5a2b11',
    source: 'urn:jeugdzorg:intake:utrecht',
    type: WAITLIST_EVENT_TYPES.entered,
    time: '2025-03-01T09:30:00Z',
    datacontenttype: 'application/json',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    correlationid: 'flow-42',
    data: ENTERED,
  };

  function decodes(event: object): boolean {
    const value = Buffer.from(JSON.stringify(event));
    const headers = { 'content-type': 'application/cloudevents+json' };
    try {
      decodeEvent({
        topic: TOPICS.waitlist,
        partition: 0,
        offset: '0',
        key: null,
        value,
        headers,
        timestamp: '0',
      });
      return true;
    } catch (error) {
      if (error instanceof EnvelopeError) return false;
      throw error;
    }
  }

  it('accepts the structured event Samenspel produces', () => {
    const { value, headers } = encodeStructured(EVENT);
    expect(headers['content-type']).toBe('application/cloudevents+json');
    expect(validEnvelope(JSON.parse(value))).toBe(true);
  });

  it('accepts an extension attribute with a CloudEvents name', () => {
    expect(validEnvelope({ ...EVENT, partitionkey: 'yr_4f9c2a7b' })).toBe(true);
    expect(decodes({ ...EVENT, partitionkey: 'yr_4f9c2a7b' })).toBe(true);
  });

  it.each([
    ['without specversion', without(EVENT, 'specversion')],
    ['without id', without(EVENT, 'id')],
    ['without source', without(EVENT, 'source')],
    ['without type', without(EVENT, 'type')],
    ['without data', without(EVENT, 'data')],
    ['with specversion 0.3', { ...EVENT, specversion: '0.3' }],
    ['with an empty id', { ...EVENT, id: '' }],
    ['with an id of 257 characters', { ...EVENT, id: 'i'.repeat(257) }],
    ['with a source of 513 characters', { ...EVENT, source: 'urn:' + 's'.repeat(509) }],
    ['with XML data', { ...EVENT, datacontenttype: 'application/xml' }],
  ])('refuses an event %s, as the codec does', (_scenario, event) => {
    expect(decodes(event)).toBe(false);
    expect(validEnvelope(event)).toBe(false);
  });

  it.each([
    ['a time that is not RFC 3339', { ...EVENT, time: '1 maart 2025' }],
    ['a malformed traceparent', { ...EVENT, traceparent: '01-xyz' }],
    ['an attribute name with upper case', { ...EVENT, correlationId: 'flow-42' }],
  ])('refuses %s (stricter than the codec, as CloudEvents 1.0 says)', (_scenario, event) => {
    expect(validEnvelope(event)).toBe(false);
  });
});
