import type { EntityManager, EntityMetadata, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * The statements of one entity, written once from its metadata. The per-event path runs them with
 * plain parameters: TypeORM's query builders would write the same SQL again on every call, which
 * costs the services more CPU than PostgreSQL spends running it.
 */
export interface RowStatements {
  /** Every column, in the order of the entity's metadata (and of the INSERT's values). */
  columns: readonly ColumnMetadata[];
  keys: readonly ColumnMetadata[];
  /** The columns an UPDATE writes: all but the keys, in metadata order (its WHERE has the keys after them). */
  values: readonly ColumnMetadata[];
  insert: string;
  update: string;
  /** The columns, as a select or RETURNING list. */
  list: string;
  /** `SELECT <list> FROM <table>`, completed per set of conditions by `findText`. */
  select: string;
  /** Find texts by their conditions' properties (and lock). */
  finds: Map<string, string>;
}

/** The metadata a plain row is written from; no more than the statements need, so it is easy to build in a test. */
export type RowMetadata = Pick<
  EntityMetadata,
  | 'tablePath'
  | 'tableType'
  | 'columns'
  | 'primaryColumns'
  | 'relations'
  | 'embeddeds'
  | 'listeners'
  | 'inheritancePattern'
  | 'treeType'
>;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Whether rows of this entity map one column to one property with nothing TypeORM adds on the
 * way: no relations, embedded objects, listeners, inheritance or trees, and no column that
 * TypeORM or PostgreSQL fills in itself (generated, defaulted, dated or versioned columns, which
 * TypeORM reads back after an INSERT or sets on an UPDATE), is not selected, inserted or
 * updated, or is spatial (which TypeORM converts in SQL). Other entities keep TypeORM's path.
 */
export function isPlainRow(metadata: RowMetadata, spatialTypes: readonly unknown[]): boolean {
  return (
    metadata.tableType === 'regular' &&
    metadata.primaryColumns.length > 0 &&
    metadata.relations.length === 0 &&
    metadata.embeddeds.length === 0 &&
    metadata.listeners.length === 0 &&
    metadata.inheritancePattern === undefined &&
    metadata.treeType === undefined &&
    metadata.columns.every(
      (c) =>
        c.isSelect &&
        c.isInsert &&
        c.isUpdate &&
        !c.isVirtual &&
        !c.isVirtualProperty &&
        !c.isGenerated &&
        c.default === undefined &&
        !c.isCreateDate &&
        !c.isUpdateDate &&
        !c.isDeleteDate &&
        !c.isVersion &&
        !c.isDiscriminator &&
        !c.isTreeLevel &&
        !c.isNestedSetLeft &&
        !c.isNestedSetRight &&
        !c.isMaterializedPath &&
        !c.isObjectId &&
        c.relationMetadata === undefined &&
        c.embeddedMetadata === undefined &&
        !spatialTypes.includes(c.type),
    )
  );
}

/** The statements of a plain entity (see isPlainRow). */
export function rowStatements(metadata: RowMetadata): RowStatements {
  const table = metadata.tablePath
    .split('.')
    .map((part) => (part === '' ? part : quoted(part)))
    .join('.');
  const columns = metadata.columns;
  const keys = metadata.primaryColumns;
  const values = columns.filter((c) => !keys.includes(c));
  const names = (list: readonly ColumnMetadata[]) => list.map((c) => quoted(c.databaseName));
  const params = (list: readonly unknown[], from = 1) => list.map((_, i) => `$${from + i}`);
  const matching = (list: readonly ColumnMetadata[], from: number) =>
    list.map((c, i) => `${quoted(c.databaseName)} = $${from + i}`).join(' AND ');
  const list = names(columns).join(', ');
  return {
    columns,
    keys,
    values,
    insert:
      `INSERT INTO ${table}(${list}) VALUES (${params(columns).join(', ')})` +
      ` ON CONFLICT DO NOTHING RETURNING ${names(keys).join(', ')}`,
    update:
      `UPDATE ${table} SET ${values.map((c, i) => `${quoted(c.databaseName)} = $${i + 1}`).join(', ')}` +
      ` WHERE ${matching(keys, values.length + 1)}`,
    list,
    select: `SELECT ${list} FROM ${table}`,
    finds: new Map(),
  };
}

/** The find text for conditions on these columns, in this order. */
export function findText(
  statements: RowStatements,
  where: readonly ColumnMetadata[],
  forUpdate: boolean,
): string {
  const conditions = where.map((c, i) => `${quoted(c.databaseName)} = $${i + 1}`).join(' AND ');
  return `${statements.select} WHERE ${conditions} LIMIT 1${forUpdate ? ' FOR UPDATE' : ''}`;
}

/** Statements by entity; null for an entity that is not plain. */
const byEntity = new WeakMap<EntityMetadata, RowStatements | null>();

interface PlainEntity {
  metadata: EntityMetadata;
  statements: RowStatements;
}

function plainEntity(em: EntityManager, entity: EntityTarget<ObjectLiteral>): PlainEntity | undefined {
  const metadata = em.connection.getMetadata(entity);
  let statements = byEntity.get(metadata);
  if (statements === undefined) {
    statements = isPlainRow(metadata, em.connection.driver.spatialTypes) ? rowStatements(metadata) : null;
    byEntity.set(metadata, statements);
  }
  return statements ? { metadata, statements } : undefined;
}

/** A plain entity to write, unless a subscriber hears of its writes: then TypeORM writes it. */
function plainToWrite(em: EntityManager, entity: EntityTarget<ObjectLiteral>): PlainEntity | undefined {
  const plain = plainEntity(em, entity);
  return plain && !heard(em, plain.metadata) ? plain : undefined;
}

/** Whether a subscriber listens to this entity (as TypeORM's Broadcaster decides it). */
function heard(em: EntityManager, metadata: EntityMetadata): boolean {
  const target = metadata.target;
  return em.connection.subscribers.some((subscriber) => {
    const listened = subscriber.listenTo?.() as unknown;
    return (
      !listened ||
      listened === Object ||
      listened === target ||
      Object.prototype.isPrototypeOf.call(listened, target)
    );
  });
}

/** A value TypeORM compares as it is (not an operator, and not null or undefined, which it refuses). */
const isLiteral = (value: unknown) =>
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  value instanceof Date;

/** A condition's value as TypeORM passes it: through the column's transformer only. */
const conditionValue = (column: ColumnMetadata, value: unknown): unknown =>
  column.transformer ? ApplyValueTransformers.transformTo(column.transformer, value) : value;

/**
 * The row's values for these columns as TypeORM's driver writes them, then its keys as a condition;
 * undefined when one is missing (TypeORM writes DEFAULT for it, or leaves it alone).
 */
function valuesOf(
  em: EntityManager,
  columns: readonly ColumnMetadata[],
  row: ObjectLiteral,
  keys: readonly ColumnMetadata[] = [],
): unknown[] | undefined {
  const driver = em.connection.driver;
  const values: unknown[] = [];
  for (const column of columns) {
    const value: unknown = row[column.propertyName];
    if (value === undefined || typeof value === 'function') return undefined;
    values.push(driver.preparePersistentValue(value, column));
  }
  for (const column of keys) {
    const value: unknown = row[column.propertyName];
    if (!isLiteral(value)) return undefined;
    values.push(conditionValue(column, value));
  }
  return values;
}

/** A row as read into the entity, with the values TypeORM's driver makes of the database's. */
function entityOf<T extends ObjectLiteral>(
  em: EntityManager,
  { metadata, statements }: PlainEntity,
  raw: Record<string, unknown>,
): T {
  const driver = em.connection.driver;
  const entity = metadata.create(em.queryRunner, { fromDeserializer: true }) as ObjectLiteral;
  for (const column of statements.columns) {
    const value = raw[column.databaseName];
    if (value !== undefined) entity[column.propertyName] = driver.prepareHydratedValue(value, column);
  }
  return entity as T;
}

/** Rows read into entities; subscribers hear of them as of TypeORM's own reads (afterLoad). */
async function loaded<T extends ObjectLiteral>(
  em: EntityManager,
  plain: PlainEntity,
  rows: readonly Record<string, unknown>[],
): Promise<T[]> {
  const entities = rows.map((row) => entityOf<T>(em, plain, row));
  if (entities.length > 0 && heard(em, plain.metadata)) {
    const runner = em.queryRunner ?? em.connection.createQueryRunner();
    try {
      await runner.broadcaster.broadcast('Load', plain.metadata, entities);
    } finally {
      if (runner !== em.queryRunner) await runner.release();
    }
  }
  return entities;
}

/** The find text for these conditions, or undefined when one is not on a column or not a plain value. */
function findTextOf(
  { statements }: PlainEntity,
  where: ObjectLiteral,
  properties: readonly string[],
  forUpdate: boolean,
): string | undefined {
  if (properties.length === 0 || !properties.every((p) => isLiteral(where[p]))) return undefined;
  const key = `${properties.join(',')}${forUpdate ? ' lock' : ''}`;
  let text = statements.finds.get(key);
  if (text === undefined) {
    const columns = properties.map((p) => statements.columns.find((c) => c.propertyName === p));
    if (!columns.every((c) => c !== undefined)) return undefined;
    text = findText(statements, columns, forUpdate);
    statements.finds.set(key, text);
  }
  return text;
}

/** The row with this key, or null; `forUpdate` row-locks it until the transaction ends. */
export async function findRow<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  { forUpdate = false } = {},
): Promise<T | null> {
  const plain = plainEntity(em, entity);
  const properties = Object.keys(where);
  // TypeORM refuses a lock outside a transaction, in its own words.
  const lockable = !forUpdate || em.queryRunner?.isTransactionActive === true;
  const text = plain && lockable ? findTextOf(plain, where, properties, forUpdate) : undefined;
  if (!plain || text === undefined) {
    return em
      .getRepository(entity)
      .findOne({ where, ...(forUpdate && { lock: { mode: 'pessimistic_write' } }) });
  }
  const values = properties.map((p) =>
    conditionValue(plain.metadata.findColumnWithPropertyName(p)!, (where as ObjectLiteral)[p]),
  );
  const rows: Record<string, unknown>[] = await em.query(text, values);
  const [found] = await loaded<T>(em, plain, rows);
  return found ?? null;
}

/** A read of several rows, in SQL on the entity's table and its column names. */
export interface RowQuery {
  /** The condition, with parameters `$1`, `$2`… */
  where: string;
  orderBy: string;
  /** Written into the text, as TypeORM writes it: a plan made for a parameter would have to guess it. */
  limit: number;
  parameters?: unknown[];
}

/** The entity's plain rows (isPlainRow), or an error that says it has none. */
function plainRows(em: EntityManager, entity: EntityTarget<ObjectLiteral>): PlainEntity {
  const plain = plainEntity(em, entity);
  if (!plain) throw new Error(`${em.connection.getMetadata(entity).name} has no plain rows to read`);
  return plain;
}

/** The rows a query picks, read as findRow reads them; only for an entity whose rows are plain (isPlainRow). */
export async function findRows<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  { where, orderBy, limit, parameters = [] }: RowQuery,
): Promise<T[]> {
  const plain = plainRows(em, entity);
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`not a row limit: ${limit}`);
  const rows: Record<string, unknown>[] = await em.query(
    `${plain.statements.select} WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`,
    parameters,
  );
  return loaded<T>(em, plain, rows);
}

/**
 * The entity's columns as a select or RETURNING list (`"id", "source_key", …`), for a statement that
 * reads whole rows its own way; `entitiesOf` reads them. Only for plain rows (isPlainRow).
 */
export function columnList(em: EntityManager, entity: EntityTarget<ObjectLiteral>): string {
  return plainRows(em, entity).statements.list;
}

/** Rows of all the entity's columns (see columnList), read as findRow reads them. */
export function entitiesOf<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Record<string, unknown>[],
): Promise<T[]> {
  return loaded<T>(em, plainRows(em, entity), rows);
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
  const plain = plainToWrite(em, entity);
  const values = plain && valuesOf(em, plain.statements.columns, row);
  if (!plain || !values) {
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
  const rows: unknown[] = await em.query(plain.statements.insert, values);
  return rows.length > 0;
}

const keysOf = (em: EntityManager, entity: EntityTarget<ObjectLiteral>): string[] =>
  em.getRepository(entity).metadata.primaryColumns.map((c) => c.propertyName);

/**
 * Writes back a row read before, by its primary key, in one UPDATE (`save` would read the row again
 * to tell an insert from an update; these rows are only ever inserted by insertIfAbsent).
 */
export async function writeBack<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  row: T,
): Promise<void> {
  const plain = plainToWrite(em, entity);
  // Exactly the entity's columns, each set: otherwise TypeORM skips the missing and refuses the others.
  const exact =
    plain !== undefined &&
    Object.keys(row).length === plain.statements.columns.length &&
    plain.statements.columns.every((c) => Object.hasOwn(row, c.propertyName));
  const values = exact && valuesOf(em, plain.statements.values, row, plain.statements.keys);
  if (plain && values) {
    await em.query(plain.statements.update, values);
    return;
  }
  const where: ObjectLiteral = {};
  const changes: ObjectLiteral = { ...row };
  for (const key of keysOf(em, entity)) {
    where[key] = row[key];
    delete changes[key];
  }
  await em.getRepository(entity).update(where as FindOptionsWhere<T>, changes as QueryDeepPartialEntity<T>);
}
