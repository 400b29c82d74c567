import { dataSchemaOf, validationMetadataOf, type DataClass } from '@samenspel/contracts';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A quick check that data meets its contract, compiled once per data class from the JSON Schema the
 * DTO yields (dataSchemaOf). It only ever says yes when class-validator would too:
 * - `schema` is the JSON Schema, compiled by ajv without the `u` flag, so patterns mean what
 *   class-validator's RegExps mean;
 * - `instance` builds the DTO instance handlers receive, as class-transformer would;
 * - `rules` runs, on that instance, the class-validator rules the schema does not state exactly
 *   (the calendar check of a timestamp, a consent not given in the future, a minimum length, which
 *   class-validator counts without variation selectors).
 * Data the check refuses goes to class-validator itself, which gives the decision and its errors.
 */
export interface CompiledDataCheck {
  schema: (data: unknown) => boolean;
  /**
   * The DTO instance of data the schema accepts, as plainToInstance builds it; undefined when the
   * data holds what plainToInstance transforms further (an object inside an array).
   */
  instance: (data: object) => object | undefined;
  rules: (instance: object) => boolean;
}

/**
 * Rules the schema states exactly, or more strictly, for JSON data (see valueSchema). A maxLength
 * counts a variation selector, which class-validator does not: the schema is the stricter there.
 */
const STATED_BY_SCHEMA = new Set([
  'isString',
  'isInt',
  'isBoolean',
  'isIn',
  'isArray',
  'arrayMaxSize',
  'isObject',
  'maxLength',
]);
/** Stated exactly when the property is also an integer: class-validator's Min/Max refuse non-numbers. */
const NUMERIC_BOUNDS = new Set(['min', 'max']);

const VARIATION_SELECTOR = /[\uFE0E\uFE0F]/;

const ajv = new Ajv2020({ strict: true, allErrors: false, unicodeRegExp: false });
const checks = new WeakMap<DataClass, CompiledDataCheck | null>();

/**
 * The compiled check of a data class; null when its rules fall outside what the check can state
 * (such a class is always validated by class-validator alone).
 */
export function compiledDataCheck(cls: DataClass): CompiledDataCheck | null {
  let check = checks.get(cls);
  if (check === undefined) {
    check = compile(cls);
    checks.set(cls, check);
  }
  return check;
}

function compile(cls: DataClass): CompiledDataCheck | null {
  const rules = ruleCheck(cls);
  if (!rules) return null;
  let schema: ValidateFunction;
  try {
    schema = ajv.compile(dataSchemaOf(cls));
  } catch {
    return null;
  }
  return { schema: (data) => schema(data), instance: instanceBuilder(cls), rules };
}

type Builder = (data: object) => object | undefined;

/**
 * What plainToInstance does to data the schema accepts: a new instance of the class with every
 * property of the data, a nested object as an instance of its @Type, an array as a new array.
 */
function instanceBuilder(cls: DataClass): Builder {
  const nested = new Map<string, Builder>();
  for (const m of validationMetadataOf(cls)) {
    if (m.type !== 'nestedValidation' || nested.has(m.propertyName)) continue;
    nested.set(m.propertyName, instanceBuilder(nestedClassOf(cls, m.propertyName)!));
  }
  return (data) => {
    const instance = new cls() as Record<string, unknown>;
    for (const key of Object.keys(data)) {
      const value = (data as Record<string, unknown>)[key];
      if (value === null || typeof value !== 'object') {
        instance[key] = value;
      } else if (Array.isArray(value)) {
        if (value.some((item) => item !== null && typeof item === 'object')) return undefined;
        instance[key] = [...(value as unknown[])];
      } else {
        const built = nested.get(key)?.(value);
        if (!built) return undefined;
        instance[key] = built;
      }
    }
    return instance;
  };
}

/** The class of a nested property: its @Type, when that is the declared type the schema describes. */
function nestedClassOf(cls: DataClass, property: string): DataClass | undefined {
  const built = (plainToInstance(cls, { [property]: {} }) as Record<string, unknown>)[property];
  const nestedClass = (built as object).constructor as DataClass;
  const declared = Reflect.getMetadata('design:type', cls.prototype as object, property) as unknown;
  return nestedClass === declared ? nestedClass : undefined;
}

type InstanceCheck = (instance: object) => boolean;

/** The rules of a class (and of its nested classes) the schema does not state; null if unsupported. */
function ruleCheck(cls: DataClass): InstanceCheck | null {
  const metadata = validationMetadataOf(cls);
  // class-validator refuses an instance of a class without rules (forbidUnknownValues).
  if (!metadata.length) return null;
  const checks: InstanceCheck[] = [];
  for (const property of new Set(metadata.map((m) => m.propertyName))) {
    const own = metadata.filter((m) => m.propertyName === property);
    const check = propertyCheck(cls, property, own);
    if (check === null) return null;
    if (check) checks.push(check);
  }
  return (instance) => checks.every((check) => check(instance));
}

function propertyCheck(
  cls: DataClass,
  property: string,
  own: ValidationMetadata[],
): InstanceCheck | null | undefined {
  const supported = own.every(
    (m) =>
      !m.validateIf &&
      (m.type === 'customValidation' ||
        m.type === 'nestedValidation' ||
        (m.type === 'conditionalValidation' && m.name === 'isOptional')),
  );
  if (!supported) return null;
  const optional = own.some((m) => m.type === 'conditionalValidation');
  const integer = own.some((m) => m.name === 'isInt' && !m.each);
  // The schema states a rule on each item as `items`, which applies only when the value is an array.
  const array = own.some((m) => m.name === 'isArray' && !m.each);
  const stated = (m: ValidationMetadata) =>
    (!m.each || array) &&
    (STATED_BY_SCHEMA.has(m.name ?? '') ||
      (NUMERIC_BOUNDS.has(m.name ?? '') && integer && !m.each) ||
      (m.name === 'matches' && (m.constraints?.[0] as RegExp).flags === ''));
  const unstated = own.filter((m) => m.type === 'customValidation' && !stated(m));
  const valueChecks: ((value: unknown, instance: object) => boolean)[] = unstated.map((m) =>
    constraintCheck(cls, m, m.name === 'isLength' && (!m.each || array)),
  );
  if (own.some((m) => m.type === 'nestedValidation')) {
    const nestedClass = nestedClassOf(cls, property);
    const nested = nestedClass && ruleCheck(nestedClass);
    if (!nested) return null;
    valueChecks.push((value) => nested(value as object));
  }
  if (!valueChecks.length) return undefined;
  return (instance) => {
    const value = (instance as Record<string, unknown>)[property];
    if (optional && (value === null || value === undefined)) return true;
    return valueChecks.every((check) => check(value, instance));
  };
}

/** One class-validator rule, run as class-validator runs it (each item of an array when `each`). */
function constraintCheck(
  cls: DataClass,
  m: ValidationMetadata,
  lengthInSchema: boolean,
): (value: unknown, instance: object) => boolean {
  const validators = getMetadataStorage()
    .getTargetValidatorConstraints(m.constraintCls)
    .filter((c) => !c.async)
    .map((c) => c.instance);
  const targetName = cls.name;
  // Without a variation selector, class-validator counts a length as the schema does (code points).
  const stated = lengthInSchema
    ? (item: unknown) => typeof item === 'string' && !VARIATION_SELECTOR.test(item)
    : () => false;
  // As validateSync: a falsy result fails; a promise (an asynchronous rule) is not awaited.
  const passes = (item: unknown, args: ValidationArguments) =>
    stated(item) || validators.every((v) => Boolean(v.validate(item, args)));
  return (value, instance) => {
    const args: ValidationArguments = {
      targetName,
      property: m.propertyName,
      object: instance,
      value,
      constraints: m.constraints as unknown[],
    };
    return m.each && Array.isArray(value) ? value.every((item) => passes(item, args)) : passes(value, args);
  };
}
