import type { DataClass } from '@samenspel/contracts';
import { unstorableTextPath } from '@samenspel/persistence';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { compiledDataCheck } from './compiled-data-check';

/** The outcome of validating event data: the typed value, or what is wrong with it. */
export interface ValidatedData<T> {
  value?: T;
  errors: string[];
  /** The fields outside the contract, each as its path of property names from the data's root. */
  unknownFields: string[][];
}

/**
 * Validates an event's data against its contract class. Unknown fields are refused, so that no
 * field outside the contract (a name, an address) can travel unnoticed. Data the compiled check
 * accepts is valid for class-validator too; other data is decided by class-validator, which also
 * names what is wrong.
 */
export function validateData<T extends object>(cls: DataClass<T>, data: unknown): ValidatedData<T> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: ['data: must be a JSON object'], unknownFields: [] };
  }
  const check = compiledDataCheck(cls);
  if (check?.schema(data)) {
    const value = check.instance(data) as T | undefined;
    if (value && check.rules(value)) return storable(data, { value, errors: [], unknownFields: [] });
  }
  return validateWithClassValidator(cls, data);
}

/** The decision of class-validator alone, with every error and every field outside the contract. */
export function validateWithClassValidator<T extends object>(
  cls: DataClass<T>,
  data: object,
): ValidatedData<T> {
  let value: T;
  let errors: ValidationError[];
  try {
    value = plainToInstance(cls, data);
    errors = validateSync(value, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
  } catch (error) {
    // class-transformer recurses through the data: data nested thousands of levels deep overflows
    // the stack. Such data breaks the contract; it must not crash the consumer.
    const { name, message } = error as Error;
    return { errors: [`data: cannot be validated (${name}: ${message})`], unknownFields: [] };
  }
  const unknownFields = fieldsOutsideContract(errors);
  return storable(
    data,
    errors.length ? { errors: flatten(errors), unknownFields } : { value, errors: [], unknownFields },
  );
}

/** PostgreSQL cannot store NUL nor half a surrogate pair: refused here, not retried as a handler failure. */
function storable<T>(data: object, validated: ValidatedData<T>): ValidatedData<T> {
  const unstorable = unstorableTextPath(data);
  if (unstorable === undefined) return validated;
  return {
    errors: [`${unstorable}: must not contain a NUL character or half a surrogate pair`],
    unknownFields: validated.unknownFields,
  };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** The paths class-validator's whitelist reports (`forbidNonWhitelisted`), at any depth. */
function fieldsOutsideContract(errors: ValidationError[], prefix: string[] = []): string[][] {
  return errors.flatMap((e) => {
    const path = [...prefix, e.property];
    const own = e.constraints?.whitelistValidation !== undefined ? [path] : [];
    return [...own, ...fieldsOutsideContract(e.children ?? [], path)];
  });
}
