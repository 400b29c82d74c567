import { InvalidField } from '@samenspel/contracts';

/** A hold may be asked to last at most this long. */
export const MAX_HOLD_MS = 90 * 24 * 3600 * 1000;

/**
 * When a hold asked to lapse at `requested` lapses: by default `defaultTtlMs` (PLACEMENT_HOLD_TTL)
 * after `now`. It must lie in the future and at most 90 days ahead.
 */
export function holdExpiry(requested: Date | undefined, defaultTtlMs: number, now: number): Date {
  const expiresAt = requested ?? new Date(now + defaultTtlMs);
  if (expiresAt.getTime() <= now || expiresAt.getTime() > now + MAX_HOLD_MS) {
    throw new InvalidField('expiresAt', 'must lie in the future and at most 90 days ahead');
  }
  return expiresAt;
}
