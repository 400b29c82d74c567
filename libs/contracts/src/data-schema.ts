import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { getMetadataStorage } from 'class-validator';
import type { DataClass } from './contract-registry';
import { TIMESTAMP_MAX_LENGTH } from './events/common';

/*
 * The JSON Schema of an event's `data`, derived from the class-validator metadata of its data class:
 * libs/contracts/schemas is written from it (scripts/generate-schemas.ts), and consumers compile it
 * to validate the data they receive.
 */

export type DataSchema = Record<string, unknown>;

/** validator.js's ISO 8601 pattern, which IsISO8601({ strict: true }) applies (before its calendar check). */
const ISO8601 = {
  type: 'string',
  maxLength: TIMESTAMP_MAX_LENGTH,
  pattern:
    '^([\\+-]?\\d{4}(?!\\d{2}\\b))((-?)((0[1-9]|1[0-2])(\\3([12]\\d|0[1-9]|3[01]))?|W([0-4]\\d|5[0-3])(-?[1-7])?|(00[1-9]|0[1-9]\\d|[12]\\d{2}|3([0-5]\\d|6[1-6])))([T\\s]((([01]\\d|2[0-3])((:?)[0-5]\\d)?|24:?00)([\\.,]\\d+(?!:))?)?(\\17[0-5]\\d([\\.,]\\d+)?)?([zZ]|([\\+-])([01]\\d|2[0-3]):?([0-5]\\d)?)?)?)?$',
  description:
    "An ISO 8601 date or date-time, as class-validator's IsISO8601({ strict: true }) accepts it (validator.js pattern). The consumer also refuses dates that do not exist, such as 2025-02-30. Send RFC 3339 (2025-03-01T09:30:00Z).",
};

/** The class-validator rules of a data class (its own and its parents'). */
export function validationMetadataOf(cls: DataClass): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
}

/** The constraints of one value (the property itself, or each item of it). */
function valueSchema(rules: ValidationMetadata[], usesIso: () => void): DataSchema {
  const schema: DataSchema = {};
  for (const rule of rules) {
    const c = (rule.constraints ?? []) as unknown[];
    switch (rule.name) {
      case 'isString':
        schema.type = 'string';
        break;
      case 'isLength':
        schema.type = 'string';
        schema.minLength = c[0];
        if (c[1] !== undefined) schema.maxLength = c[1];
        break;
      case 'matches':
        schema.type = 'string';
        schema.pattern = (c[0] as RegExp).source;
        break;
      case 'maxLength':
        // A timestamp's bound is part of the shared iso8601 definition (IsTimestamp).
        if (rules.some((r) => r.name === 'isIso8601')) {
          if (c[0] !== TIMESTAMP_MAX_LENGTH)
            throw new Error(`a timestamp's maxLength must be ${TIMESTAMP_MAX_LENGTH}`);
          break;
        }
        schema.type = 'string';
        schema.maxLength = c[0];
        break;
      case 'isIso8601':
        usesIso();
        schema.$ref = '#/$defs/iso8601';
        break;
      case 'isInt':
        schema.type = 'integer';
        break;
      case 'min':
        schema.minimum = c[0];
        break;
      case 'max':
        schema.maximum = c[0];
        break;
      case 'isBoolean':
        schema.type = 'boolean';
        break;
      case 'isIn':
        schema.enum = [...(c[0] as readonly unknown[])];
        break;
      case 'isArray':
        schema.type = 'array';
        break;
      case 'arrayMaxSize':
        schema.type = 'array';
        schema.maxItems = c[0];
        break;
      case 'isObject':
        schema.type = 'object';
        break;
      // Depends on the receiver's clock: JSON Schema cannot say it; consumers check it.
      case 'consentNotInTheFuture':
        break;
      default:
        throw new Error(`no JSON Schema rule for class-validator's ${rule.name}`);
    }
  }
  return schema;
}

/** The object schema of a data class: its validated properties, the non-optional ones required. */
export function objectSchema(cls: DataClass, usesIso: () => void): DataSchema {
  const metadata = validationMetadataOf(cls);
  const names = [...new Set(metadata.map((m) => m.propertyName))];
  const properties: Record<string, DataSchema> = {};
  const required: string[] = [];
  for (const name of names) {
    const own = metadata.filter((m) => m.propertyName === name);
    const optional = own.some((m) => m.type === 'conditionalValidation');
    const nested = own.some((m) => m.type === 'nestedValidation');
    const custom = own.filter((m) => m.type === 'customValidation');
    let schema: DataSchema = valueSchema(
      custom.filter((m) => !m.each),
      usesIso,
    );
    const each = custom.filter((m) => m.each);
    if (each.length) schema.items = valueSchema(each, usesIso);
    if (nested) {
      const nestedClass = Reflect.getMetadata('design:type', cls.prototype as object, name) as DataClass;
      schema = { ...schema, ...objectSchema(nestedClass, usesIso) };
    }
    if (schema.$ref && Object.keys(schema).length > 1) throw new Error(`${cls.name}.${name}: $ref mixed`);
    properties[name] = optional ? { anyOf: [schema, { type: 'null' }] } : schema;
    if (!optional) required.push(name);
  }
  return { type: 'object', additionalProperties: false, required, properties };
}

function title(type: string): string {
  // nl.samenspel.placement.held.v1 -> Placement held
  const [, , subject, event] = type.split('.');
  const words = `${subject} ${event}`.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (data)`;
}

/** The schema of a data class on its own (no title or id), as a validator compiles it. */
export function dataSchemaOf(cls: DataClass): DataSchema {
  let iso = false;
  const body = objectSchema(cls, () => (iso = true));
  return { ...body, ...(iso ? { $defs: { iso8601: ISO8601 } } : {}) };
}

export function schemaFor(type: string, topic: string, cls: DataClass): DataSchema {
  const { $defs, ...body } = dataSchemaOf(cls);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:samenspel:schema:${type}`,
    title: title(type),
    description: `The \`data\` of a ${type} CloudEvent on ${topic}. Generated from ${cls.name} in libs/contracts/src/events by scripts/generate-schemas.ts; do not edit by hand.`,
    ...body,
    ...($defs ? { $defs } : {}),
  };
}
