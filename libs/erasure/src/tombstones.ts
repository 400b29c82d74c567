import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** How long an erased youngster's digest is kept: the 14 days Kafka keeps events, and one more. */
export const TOMBSTONE_DAYS = 15;

/** The digest an erased youngster is remembered by (never the youthRef itself). */
export function youthRefDigest(youthRef: string): string {
  return createHash('sha256').update(youthRef, 'utf8').digest('hex');
}

/** The same digest computed by PostgreSQL, for a column or expression. */
export const sqlDigest = (expression: string) => `encode(sha256(convert_to(${expression}, 'UTF8')), 'hex')`;

export async function rememberErased(em: EntityManager, youthRef: string): Promise<void> {
  await em.query(
    `INSERT INTO erased_youth (digest) VALUES ($1) ON CONFLICT (digest) DO UPDATE SET erased_at = now()`,
    [youthRefDigest(youthRef)],
  );
}

/** Digests of the youngsters erased in the last TOMBSTONE_DAYS; older ones are dropped. */
export async function recentlyErased(em: EntityManager): Promise<string[]> {
  await em.query(`DELETE FROM erased_youth WHERE erased_at < now() - make_interval(days => $1)`, [
    TOMBSTONE_DAYS,
  ]);
  const rows = (await em.query(`SELECT digest FROM erased_youth`)) as { digest: string }[];
  return rows.map((r) => r.digest);
}
