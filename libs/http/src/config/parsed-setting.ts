import { ValidateBy, type ValidationArguments } from 'class-validator';

/** Whether `parse` takes `value` (a string) without throwing. */
export function parses(parse: (value: string) => unknown, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * class-validator: a string setting that `parse` takes without throwing. A refusal says `message`,
 * or, without one, what `parse` threw.
 */
export function ParsedBy(
  name: string,
  parse: (value: string) => unknown,
  message?: string,
): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => parses(parse, value),
      defaultMessage: (args?: ValidationArguments) => message ?? refusalOf(parse, args?.value),
    },
  });
}

function refusalOf(parse: (value: string) => unknown, value: unknown): string {
  try {
    parse(value as string);
    return 'is invalid';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * class-validator: a secret whose public development value (`devValue`) production refuses; the
 * refusal says `message`.
 */
export function NotTheDevValueInProduction(
  name: string,
  devValue: string,
  message: string,
): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        (args?.object as { NODE_ENV?: string } | undefined)?.NODE_ENV !== 'production' || value !== devValue,
      defaultMessage: () => message,
    },
  });
}
