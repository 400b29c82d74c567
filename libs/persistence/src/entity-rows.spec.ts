import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { findText, isPlainRow, rowStatements, type RowMetadata } from './entity-rows';

/** A column as TypeORM describes a plain one; `overrides` adds what makes it special. */
function aColumn(databaseName: string, overrides: Partial<ColumnMetadata> = {}): ColumnMetadata {
  return {
    databaseName,
    propertyName: databaseName.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
    type: 'text',
    isSelect: true,
    isInsert: true,
    isUpdate: true,
    isVirtual: false,
    isVirtualProperty: false,
    isGenerated: false,
    default: undefined,
    isCreateDate: false,
    isUpdateDate: false,
    isDeleteDate: false,
    isVersion: false,
    isDiscriminator: false,
    isTreeLevel: false,
    isNestedSetLeft: false,
    isNestedSetRight: false,
    isMaterializedPath: false,
    isObjectId: false,
    relationMetadata: undefined,
    embeddedMetadata: undefined,
    ...overrides,
  } as ColumnMetadata;
}

function anEntity(columns: ColumnMetadata[], overrides: Partial<RowMetadata> = {}): RowMetadata {
  return {
    tablePath: 'waitlist_entry',
    tableType: 'regular',
    columns,
    primaryColumns: columns.slice(0, 1),
    relations: [],
    embeddeds: [],
    listeners: [],
    inheritancePattern: undefined,
    treeType: undefined,
    ...overrides,
  };
}

const SPATIAL = ['geometry', 'geography'];
const plain = (...special: ColumnMetadata[]) => anEntity([aColumn('id'), aColumn('label'), ...special]);

describe('isPlainRow', () => {
  it.each<[string, boolean, RowMetadata]>([
    [
      'text, number, date, json, enum and array columns',
      true,
      plain(
        aColumn('n', { type: 'bigint' }),
        aColumn('j', { type: 'jsonb' }),
        aColumn('e', { type: 'enum', isArray: true }),
      ),
    ],
    [
      'a column with a transformer (TypeORM’s driver applies it either way)',
      true,
      plain(aColumn('t', { transformer: { to: String, from: String } })),
    ],
    ['a generated column', false, plain(aColumn('g', { isGenerated: true }))],
    ['a column with a default', false, plain(aColumn('d', { default: 0 }))],
    ['a creation date', false, plain(aColumn('c', { isCreateDate: true }))],
    ['an update date', false, plain(aColumn('u', { isUpdateDate: true }))],
    ['a deletion date', false, plain(aColumn('x', { isDeleteDate: true }))],
    ['a version', false, plain(aColumn('v', { isVersion: true }))],
    ['a column not selected', false, plain(aColumn('s', { isSelect: false }))],
    ['a column not updated', false, plain(aColumn('s', { isUpdate: false }))],
    ['a spatial column', false, plain(aColumn('p', { type: 'geometry' }))],
    ['a relation’s column', false, plain(aColumn('r', { relationMetadata: {} as never }))],
    ['an embedded object', false, anEntity([aColumn('id')], { embeddeds: [{}] as never })],
    ['a listener', false, anEntity([aColumn('id')], { listeners: [{}] as never })],
    ['single-table inheritance', false, anEntity([aColumn('id')], { inheritancePattern: 'STI' })],
    ['a view', false, anEntity([aColumn('id')], { tableType: 'view' })],
    ['no primary key', false, anEntity([aColumn('id')], { primaryColumns: [] })],
  ])('%s → %s', (_, expected, metadata) => {
    expect(isPlainRow(metadata, SPATIAL)).toBe(expected);
  });
});

describe('rowStatements', () => {
  const entity = anEntity([aColumn('offer_id'), aColumn('rank'), aColumn('expires_at')], {
    tablePath: 'bridging.bridging_offer',
  });

  it('writes each statement once, columns in metadata order and the keys last in an UPDATE', () => {
    const s = rowStatements(entity);
    expect([
      s.insert,
      s.update,
      findText(s, [s.columns[1]!, s.columns[0]!], false),
      findText(s, s.keys, true),
    ]).toEqual([
      'INSERT INTO "bridging"."bridging_offer"("offer_id", "rank", "expires_at") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "offer_id"',
      'UPDATE "bridging"."bridging_offer" SET "rank" = $1, "expires_at" = $2 WHERE "offer_id" = $3',
      'SELECT "offer_id", "rank", "expires_at" FROM "bridging"."bridging_offer" WHERE "rank" = $1 AND "offer_id" = $2 LIMIT 1',
      'SELECT "offer_id", "rank", "expires_at" FROM "bridging"."bridging_offer" WHERE "offer_id" = $1 LIMIT 1 FOR UPDATE',
    ]);
  });

  it('matches a key of several columns on each of them', () => {
    const columns = [aColumn('event_id'), aColumn('consumer'), aColumn('at')];
    const pair = anEntity(columns, { primaryColumns: columns.slice(0, 2) });
    expect(rowStatements(pair).update).toBe(
      'UPDATE "waitlist_entry" SET "at" = $1 WHERE "event_id" = $2 AND "consumer" = $3',
    );
  });
});
