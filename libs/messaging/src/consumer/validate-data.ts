import type { DataClass } from '@samenspel/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/**
 * Validates an event's data against its contract class. Unknown fields are refused, so that no
 * field outside the contract (a name, an address) can travel unnoticed.
 */
export function validateData<T extends object>(
  cls: DataClass<T>,
  data: unknown,
): { value?: T; errors: string[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: ['data: must be a JSON object'] };
  }
  const value = plainToInstance(cls, data);
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return errors.length ? { errors: flatten(errors) } : { value, errors: [] };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
