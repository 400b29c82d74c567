import { CLOUDEVENTS_JSON, samenspelContracts } from '@samenspel/contracts';
import { validateData } from '@samenspel/messaging';
import fc from 'fast-check';
import {
  awkwardString,
  deeplyNestedJson,
  hostileJson,
  hugeString,
  PROTOTYPE_KEYS,
  valueOfAnotherType,
} from './hostile-values';
import {
  admittedTypes,
  eventDataSchema,
  isoDateTime,
  schemaArbitrary,
  type JsonSchema,
} from './schema-arbitrary';

const contracts = samenspelContracts();
export const FUZZ_SOURCE = 'urn:jeugdzorg:intake:fuzz';

/**
 * What the consumer must do with a record:
 * - `dead-letter`: it breaks the envelope or the contract, so it must be in `<topic>.dlq` and have no effect;
 * - `valid`: it follows the contract, so it must be applied (or, if its handler keeps failing, dead-lettered
 *   with a `handler-failed` reason);
 * - `either`: applied or dead-lettered, but never dropped.
 */
export type Expectation = 'dead-letter' | 'valid' | 'either';

export interface KafkaRecordDraft {
  value: string | Buffer | null;
  headers: Record<string, string>;
}

/** One generated record. `make` gets the unique event id of this record, so that no two collide in the inbox. */
export interface FuzzCase {
  kind: string;
  expect: Expectation;
  make(id: string): KafkaRecordDraft;
  toString(): string;
}

type Envelope = Record<string, unknown>;

function fuzzCase(kind: string, expect: Expectation, make: (id: string) => KafkaRecordDraft): FuzzCase {
  return { kind, expect, make, toString: () => `${kind} (${expect})` };
}

export function envelope(id: string, type: string, data: unknown): Envelope {
  return {
    specversion: '1.0',
    id,
    source: FUZZ_SOURCE,
    type,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

export function structured(event: Envelope): KafkaRecordDraft {
  return { value: JSON.stringify(event), headers: { 'content-type': CLOUDEVENTS_JSON } };
}

export function binary(event: Envelope, contentType = 'application/json'): KafkaRecordDraft {
  const headers: Record<string, string> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(event)) {
    if (name !== 'data' && name !== 'datacontenttype') headers[`ce_${name}`] = String(value);
  }
  return { value: JSON.stringify(event.data), headers };
}

/** Valid `data` of the event type: drawn from its JSON Schema and kept only if the DTO itself accepts it. */
export function validData(type: string, key?: string, plain = false): fc.Arbitrary<Record<string, unknown>> {
  const contract = contracts.get(type);
  if (!contract) throw new Error(`no contract for ${type}`);
  const { schema, resolve } = eventDataSchema(type);
  return schemaArbitrary(schema, resolve, { plain })
    .map((data) => {
      const d = data as Record<string, unknown>;
      return key && schema.properties?.youthRef ? { ...d, youthRef: key } : d;
    })
    .filter((data) => validateData(contract.dataClass, data).errors.length === 0);
}

/** Valid `data` with plain ASCII where the contract allows any text: an ordinary event, as the sentinel. */
export function plainValidData(type: string, key: string): fc.Arbitrary<Record<string, unknown>> {
  return validData(type, key, true);
}

/** Hostile and odd records for one consumed event type, all keyed alike by the caller. */
export function eventCases(type: string, sameTopicTypes: string[], key: string): fc.Arbitrary<FuzzCase> {
  const contract = contracts.get(type)!;
  const { schema, resolve } = eventDataSchema(type);
  const valid = validData(type, key);
  const otherTopicTypes = contracts
    .all()
    .filter((c) => c.topic !== contract.topic)
    .map((c) => c.type);
  const properties = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  const property = fc.constantFrom(...properties);
  const nonString = valueOfAnotherType(new Set(['string']), true);

  const mutatedData: fc.Arbitrary<FuzzCase>[] = [
    // A required field left out.
    fc.tuple(valid, fc.constantFrom(...(required.length ? required : ['-']))).map(([data, field]) =>
      fuzzCase(`data without ${field}`, required.length ? 'dead-letter' : 'either', (id) => {
        const { [field]: _removed, ...rest } = data;
        return structured(envelope(id, type, rest));
      }),
    ),
    // A field of a JSON type its schema does not admit.
    fc
      .tuple(valid, property)
      .chain(([data, [name, s]]) =>
        valueOfAnotherType(admittedTypes(s, resolve), required.includes(name)).map((bad) =>
          fuzzCase(`data.${name} of a wrong type`, 'dead-letter', (id) =>
            structured(envelope(id, type, { ...data, [name]: bad })),
          ),
        ),
      ),
    // A string far over its maximum length.
    fc
      .tuple(valid, fc.constantFrom(...stringFields(properties, resolve)), fc.integer({ min: 1, max: 4 }))
      .chain(([data, [name, max], times]) =>
        hugeString(Math.max(max + 1, 20_000 * times)).map((huge) =>
          fuzzCase(`data.${name} huge`, 'dead-letter', (id) =>
            structured(envelope(id, type, { ...data, [name]: huge })),
          ),
        ),
      ),
    // A field outside the contract, including prototype-pollution keys.
    fc
      .tuple(
        valid,
        fc.oneof(
          fc.constantFrom(...PROTOTYPE_KEYS, 'bsn', 'name', 'address'),
          fc.string({ minLength: 1, maxLength: 20 }),
        ),
        hostileJson,
      )
      .filter(([data, name]) => !(name in (schema.properties ?? {})) && !(name in data))
      .map(([data, name, value]) =>
        fuzzCase(`data with unknown field ${JSON.stringify(name)}`, 'dead-letter', (id) => {
          // Built as text: an object literal would turn "__proto__" into a prototype, not a field.
          const event = structured(envelope(id, type, data));
          const text = event.value as string;
          const at = text.lastIndexOf('}}');
          return {
            ...event,
            value: `${text.slice(0, at)}${Object.keys(data).length ? ',' : ''}${JSON.stringify(name)}:${JSON.stringify(value)}}}`,
          };
        }),
      ),
    // An integer just outside its bounds, or not an integer at all.
    fc
      .tuple(valid, fc.constantFrom(...boundedNumbers(properties, resolve)))
      .chain(([data, [name, s]]) =>
        fc
          .constantFrom(
            ...[s.minimum, s.maximum].flatMap((b, i) => (b === undefined ? [] : [i === 0 ? b - 1 : b + 1])),
            0.5,
          )
          .map((bad) =>
            fuzzCase(`data.${name} = ${bad}`, 'dead-letter', (id) =>
              structured(envelope(id, type, { ...data, [name]: bad })),
            ),
          ),
      ),
    // The data is not an object, or is nested far too deep.
    fc
      .oneof(
        fc.constantFrom(null, [], 'data', 42, true),
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }),
      )
      .map((data) =>
        fuzzCase(`data ${JSON.stringify(data)?.slice(0, 20)}`, 'dead-letter', (id) =>
          structured(envelope(id, type, data)),
        ),
      ),
    fc
      .tuple(fc.integer({ min: 500, max: 5000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([depth, kind]) =>
        fuzzCase(`data nested ${depth} deep`, 'dead-letter', (id) => ({
          value: JSON.stringify(envelope(id, type, '§')).replace('"§"', deeplyNestedJson(depth, kind)),
          headers: { 'content-type': CLOUDEVENTS_JSON },
        })),
      ),
  ];

  const brokenEnvelopes: fc.Arbitrary<FuzzCase>[] = [
    // A required attribute missing or not a string.
    fc
      .tuple(
        valid,
        fc.constantFrom('id', 'source', 'type', 'specversion'),
        fc.option(nonString, { nil: undefined }),
      )
      .map(([data, attr, bad]) =>
        fuzzCase(
          `envelope ${attr} ${bad === undefined ? 'missing' : 'not a string'}`,
          'dead-letter',
          (id) => {
            const event = envelope(id, type, data);
            if (bad === undefined) delete event[attr];
            else event[attr] = bad;
            return structured(event);
          },
        ),
      ),
    // An optional attribute that is not a string (the envelope schema says they are strings).
    fc
      .tuple(
        valid,
        fc.constantFrom('traceparent', 'correlationid', 'subject', 'time', 'datacontenttype', 'dataschema'),
        valueOfAnotherType(new Set(['string', 'null']), false),
      )
      .map(([data, attr, bad]) =>
        fuzzCase(`envelope ${attr} not a string`, 'dead-letter', (id) =>
          structured({ ...envelope(id, type, data), [attr]: bad }),
        ),
      ),
    fc
      .tuple(valid, fc.oneof(fc.constantFrom('0.3', '1', '1.0.0', '2.0', ' 1.0', '1.0\u0000'), awkwardString))
      .filter(([, v]) => v !== '1.0')
      .map(([data, version]) =>
        fuzzCase(`specversion ${JSON.stringify(version)}`, 'dead-letter', (id) =>
          structured({ ...envelope(id, type, data), specversion: version }),
        ),
      ),
    fc
      .tuple(valid, fc.oneof(awkwardString, fc.constantFrom(...otherTopicTypes)))
      .filter(([, t]) => !contracts.get(t) || contracts.get(t)!.topic !== contract.topic)
      .map(([data, t]) =>
        fuzzCase(`type ${JSON.stringify(t).slice(0, 40)}`, 'dead-letter', (id) =>
          structured({ ...envelope(id, type, data), type: t }),
        ),
      ),
    fc
      .tuple(
        valid,
        fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'avro/binary'),
      )
      .map(([data, contentType]) =>
        fuzzCase(`datacontenttype ${contentType}`, 'dead-letter', (id) =>
          structured({ ...envelope(id, type, data), datacontenttype: contentType }),
        ),
      ),
    valid.map((data) =>
      fuzzCase('envelope without data', 'dead-letter', (id) => {
        const { data: _data, ...event } = envelope(id, type, data);
        return structured(event);
      }),
    ),
    valid.map((data) =>
      fuzzCase('id longer than 256', 'dead-letter', (id) =>
        structured(envelope(`${id}-${'i'.repeat(300)}`, type, data)),
      ),
    ),
  ];

  const rawRecords: fc.Arbitrary<FuzzCase>[] = [
    hostileJson.map((json) =>
      fuzzCase('random JSON', 'dead-letter', () => ({
        value: JSON.stringify(json) ?? 'null',
        headers: { 'content-type': CLOUDEVENTS_JSON },
      })),
    ),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) =>
      fuzzCase('non-JSON bytes', 'dead-letter', () => ({
        value: Buffer.concat([Buffer.from('\u0001'), Buffer.from(bytes)]),
        headers: {},
      })),
    ),
    fc.constant(fuzzCase('tombstone', 'dead-letter', () => ({ value: null, headers: {} }))),
    fc
      .tuple(valid, fc.constantFrom('missing-id', 'bad-version', 'bad-json', 'text/plain'))
      .map(([data, flaw]) =>
        fuzzCase(`binary mode ${flaw}`, 'dead-letter', (id) => {
          const record = binary(
            envelope(id, type, data),
            flaw === 'text/plain' ? 'text/plain' : 'application/json',
          );
          if (flaw === 'missing-id') delete record.headers.ce_id;
          if (flaw === 'bad-version') record.headers.ce_specversion = '0.3';
          if (flaw === 'bad-json') record.value = `${record.value as string}}`;
          return record;
        }),
      ),
  ];

  const validRecords: fc.Arbitrary<FuzzCase>[] = [
    valid.map((data) => fuzzCase('valid, structured', 'valid', (id) => structured(envelope(id, type, data)))),
    valid.map((data) => fuzzCase('valid, binary mode', 'valid', (id) => binary(envelope(id, type, data)))),
    // Valid, with odd but legal optional attributes and extensions.
    fc
      .tuple(
        valid,
        fc.record(
          {
            subject: awkwardString.filter((s) => s.length > 0),
            time: fc.oneof(isoDateTime, awkwardString),
            correlationid: fc.oneof(awkwardString, hugeString(500)),
            traceparent: fc.oneof(
              fc.constant('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
              awkwardString,
            ),
            dataschema: fc.webUrl(),
            fuzzextension: awkwardString,
          },
          { requiredKeys: [] },
        ),
      )
      .map(([data, extras]) =>
        fuzzCase(`valid, odd attributes ${Object.keys(extras).join(',')}`, 'either', (id) =>
          structured({ ...envelope(id, type, data), ...extras }),
        ),
      ),
    // The data of another type this service consumes on the same topic.
    fc
      .constantFrom(...sameTopicTypes)
      .chain((other) => validData(other, key).map((data) => [other, data] as const))
      .map(([other, data]) =>
        fuzzCase(`data of ${other}`, 'either', (id) => structured(envelope(id, type, data))),
      ),
  ];

  return fc.oneof(
    { arbitrary: fc.oneof(...validRecords), weight: 3 },
    { arbitrary: fc.oneof(...mutatedData), weight: 4 },
    { arbitrary: fc.oneof(...brokenEnvelopes), weight: 3 },
    { arbitrary: fc.oneof(...rawRecords), weight: 2 },
  );
}

function stringFields(
  properties: [string, JsonSchema][],
  resolve: (ref: string) => JsonSchema,
): [string, number][] {
  const found = properties.flatMap(([name, s]) => {
    const max = maxLengthOf(s, resolve);
    return max === undefined ? [] : [[name, max] as [string, number]];
  });
  return found.length ? found : [['fuzzHuge', 0]];
}

function maxLengthOf(s: JsonSchema, resolve: (ref: string) => JsonSchema): number | undefined {
  if (s.$ref) return maxLengthOf(resolve(s.$ref), resolve);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map((a) => maxLengthOf(a, resolve)).find((m) => m !== undefined);
  if (s.type === 'string') return s.maxLength ?? 64;
  return undefined;
}

function boundedNumbers(
  properties: [string, JsonSchema][],
  resolve: (ref: string) => JsonSchema,
): [string, JsonSchema][] {
  const found = properties.flatMap(([name, s]) => {
    const target = s.$ref ? resolve(s.$ref) : s;
    return target.type === 'integer' && (target.minimum !== undefined || target.maximum !== undefined)
      ? [[name, target] as [string, JsonSchema]]
      : [];
  });
  return found.length ? found : [['fuzzNumber', { type: 'integer', maximum: 0 }]];
}
