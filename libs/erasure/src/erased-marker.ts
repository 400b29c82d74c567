import { randomBytes } from 'node:crypto';
import { YOUTH_REF_PATTERN } from '@samenspel/contracts';

export const ERASED_PREFIX = 'erased_';

/**
 * What replaces a youthRef in rows that are kept for counts and capacity: random, so it cannot be
 * traced back to the youngster, yet shaped like a youthRef, so that a later event about the kept
 * record (a placement completed, say) still meets its contract. One marker per erasure and
 * service keeps that youngster's rows together for the counts, and tells them apart from others'.
 */
export function erasedMarker(): string {
  const marker = `${ERASED_PREFIX}${randomBytes(8).toString('hex')}`;
  if (!YOUTH_REF_PATTERN.test(marker)) throw new Error('erased marker does not look like a youthRef');
  return marker;
}

export function isErasedMarker(youthRef: string): boolean {
  return youthRef.startsWith(ERASED_PREFIX);
}

/**
 * `erasedMarker()` written by PostgreSQL, a marker per row: `seed` is an SQL expression that
 * differs per row (its id), mixed with a random number so the marker says nothing of the row.
 */
export function erasedMarkerSql(seed: string): string {
  return `'${ERASED_PREFIX}' || substr(md5(random()::text || ${seed}), 1, 16)`;
}

/** An SQL condition: `column` holds no marker yet (`_` escaped, as LIKE reads it as any one character). */
export function notErasedSql(column: string): string {
  return `${column} NOT LIKE '${ERASED_PREFIX.replace('_', '\\_')}%'`;
}
