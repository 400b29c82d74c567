import type { EntityManager } from 'typeorm';

/**
 * Rows of a query run in the given transaction. TypeORM answers UPDATE and DELETE with
 * `[rows, rowCount]` and everything else with the rows: this hides the difference.
 */
export async function queryRows<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await em.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

export async function queryOne<T>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await queryRows<T>(em, sql, params))[0];
}

/**
 * The row of `table` with this id, as `toEntity` maps it, or undefined. `forUpdate` row-locks it
 * until the transaction ends.
 */
export async function rowById<Row, T>(
  em: EntityManager,
  table: 'activity' | 'placement' | 'team',
  id: string,
  toEntity: (row: Row) => T,
  { forUpdate = false } = {},
): Promise<T | undefined> {
  const row = await queryOne<Row>(
    em,
    `SELECT * FROM ${table} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row && toEntity(row);
}

/** PostgreSQL's unique_violation, e.g. a placement reference used twice at the same moment. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.code ?? e.driverError?.code;
  const name = e.constraint ?? e.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
