import { randomBytes, randomUUID } from 'node:crypto';

/** Synthetic data only: pseudonymous refs and made-up but well-formed Dutch codes. */
export function aYouthRef(): string {
  return `yr_${randomBytes(6).toString('hex')}`;
}

export function aUniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function anEventId(): string {
  return randomUUID();
}

/** Utrecht (GM0344) and Amersfoort (GM0307): the municipalities of the synthetic catalogue. */
export const MUNICIPALITIES = { utrecht: 'GM0344', amersfoort: 'GM0307' } as const;
