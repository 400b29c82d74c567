import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

const keysOf = (em: EntityManager, entity: EntityTarget<ObjectLiteral>): string[] =>
  em.getRepository(entity).metadata.primaryColumns.map((c) => c.propertyName);

/** The row with this key, or null; `forUpdate` row-locks it until the transaction ends. */
export function findRow<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  { forUpdate = false } = {},
): Promise<T | null> {
  return em
    .getRepository(entity)
    .findOne({ where, ...(forUpdate && { lock: { mode: 'pessimistic_write' } }) });
}

/**
 * Inserts the row unless one with its primary key exists (`ON CONFLICT DO NOTHING`): false when it
 * did exist, as for an event delivered again or a step retried after a failed transaction.
 */
export async function insertIfAbsent<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  row: T,
): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(row)
    .orIgnore()
    .returning(keysOf(em, entity))
    .execute();
  return (result.raw as unknown[]).length > 0;
}

/**
 * Writes back a row read before, by its primary key, in one UPDATE (`save` would read the row again
 * to tell an insert from an update; these rows are only ever inserted by insertIfAbsent).
 */
export async function writeBack<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  row: T,
): Promise<void> {
  const keys = keysOf(em, entity);
  const where: ObjectLiteral = {};
  const changes: ObjectLiteral = { ...row };
  for (const key of keys) {
    where[key] = row[key];
    delete changes[key];
  }
  await em.getRepository(entity).update(where as FindOptionsWhere<T>, changes as QueryDeepPartialEntity<T>);
}
