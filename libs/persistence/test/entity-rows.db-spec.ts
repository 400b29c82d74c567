import {
  columnList,
  entitiesOf,
  findRow,
  findRows,
  insertIfAbsent,
  isPlainRow,
  writeBack,
} from '@samenspel/persistence';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  type EntityManager,
  type EntitySubscriberInterface,
  type InsertEvent,
  type UpdateEvent,
} from 'typeorm';

type Mood = 'calm' | 'busy';

/** A row with a column of every kind the services use, and of a few more that pg hands back as text. */
@Entity('specimen')
class Specimen {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'integer' }) count!: number;
  @Column({ type: 'bigint' }) big!: string;
  @Column({ type: 'numeric', precision: 10, scale: 2 }) amount!: string;
  @Column({ type: 'boolean' }) flag!: boolean;
  /** A boolean column typed by its property alone: TypeORM writes it as 1 or 0. */
  @Column() implicitFlag!: boolean;
  @Column({ type: 'char', length: 4 }) code!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'timestamp', nullable: true }) localAt!: Date | null;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'jsonb', nullable: true }) doc!: { answer: number; list: string[] } | null;
  @Column({ type: 'json' }) list!: number[];
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'enum', enum: ['calm', 'busy'], enumName: 'specimen_mood' }) mood!: Mood;
  @Column({ type: 'enum', enum: ['calm', 'busy'], enumName: 'specimen_mood', array: true }) moods!: Mood[];
  @Column({
    type: 'text',
    transformer: { to: (v: string[]) => v.join('|'), from: (v: string) => v.split('|') },
  })
  parts!: string[];
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** An entity TypeORM fills in itself (a creation date from the column's default). */
@Entity('stamped')
class Stamped {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) label!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/** A plain entity whose label a subscriber seals before a write and opens after a read. */
@Entity('sealed')
class Sealed {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) label!: string;
}

class LabelSeal implements EntitySubscriberInterface<Sealed> {
  listenTo() {
    return Sealed;
  }
  beforeInsert(event: InsertEvent<Sealed>): void {
    event.entity.label = `sealed:${event.entity.label}`;
  }
  beforeUpdate(event: UpdateEvent<Sealed>): void {
    if (event.entity) event.entity.label = `sealed:${event.entity.label as string}`;
  }
  afterLoad(entity: Sealed): void {
    entity.label = entity.label.replace(/^sealed:/, '');
  }
}

function aSpecimen(id: string): Specimen {
  return Object.assign(new Specimen(), {
    id,
    count: 42,
    big: '9007199254740993',
    amount: '12.50',
    flag: true,
    implicitFlag: false,
    code: '3511',
    at: new Date('2026-03-01T10:15:30.123Z'),
    localAt: new Date('2026-03-01T10:15:30.000Z'),
    day: '2026-03-01',
    doc: { answer: 42, list: ['a', 'b'] },
    list: [1, 2, 3],
    tags: ['sport', 'muziek "met" komma, en quote'],
    mood: 'busy',
    moods: ['calm', 'busy'],
    parts: ['x', 'y'],
    note: null,
  } satisfies Specimen);
}

/** The stored row as PostgreSQL has it, without its id. */
async function stored(em: EntityManager, table: string, id: string): Promise<unknown> {
  const rows: { row: Record<string, unknown> }[] = await em.query(
    `SELECT to_jsonb(t) - 'id' AS row FROM ${table} t WHERE id = $1`,
    [id],
  );
  return rows[0]?.row;
}

/**
 * findRow, insertIfAbsent and writeBack write their own SQL for plain entities: they must store
 * what TypeORM's query builders store, and read back the values TypeORM's own find reads.
 */
describe('entity rows (real PostgreSQL)', () => {
  let db: TestDatabase;
  let em: EntityManager;

  beforeAll(async () => {
    db = await createTestDatabase('rows', { entities: [Specimen, Stamped], migrations: [] });
    await db.dataSource.query(`CREATE TYPE specimen_mood AS ENUM ('calm', 'busy')`);
    await db.dataSource.query(
      `CREATE TABLE specimen (id text PRIMARY KEY, count integer NOT NULL, big bigint NOT NULL,
         amount numeric(10,2) NOT NULL, flag boolean NOT NULL, "implicitFlag" boolean NOT NULL,
         code char(4) NOT NULL, at timestamptz NOT NULL, "localAt" timestamp, day date NOT NULL,
         doc jsonb, list json NOT NULL, tags text[] NOT NULL, mood specimen_mood NOT NULL,
         moods specimen_mood[] NOT NULL, parts text NOT NULL, note text)`,
    );
    await db.dataSource.query(
      `CREATE TABLE stamped (id text PRIMARY KEY, label text NOT NULL,
         "createdAt" timestamptz NOT NULL DEFAULT now())`,
    );
    em = db.dataSource.manager;
  });

  afterAll(() => db.drop());

  it('writes its own SQL for the plain entity and leaves the one TypeORM fills in to TypeORM', () => {
    const plain = [Specimen, Stamped].map((e) =>
      isPlainRow(db.dataSource.getMetadata(e), db.dataSource.driver.spatialTypes),
    );
    expect(plain).toEqual([true, false]);
  });

  it('stores a row as TypeORM stores it, and reads it back as TypeORM reads it', async () => {
    expect(await insertIfAbsent(em, Specimen, aSpecimen('ours'))).toBe(true);
    await em.createQueryBuilder().insert().into(Specimen).values(aSpecimen('typeorm')).execute();

    expect(await stored(em, 'specimen', 'ours')).toEqual(await stored(em, 'specimen', 'typeorm'));
    const read = await findRow(em, Specimen, { id: 'ours' });
    expect(read).toBeInstanceOf(Specimen);
    expect(read).toStrictEqual(await em.getRepository(Specimen).findOne({ where: { id: 'ours' } }));
    expect(read).toStrictEqual(aSpecimen('ours'));
  });

  it('reads what pg hands back as text the way TypeORM does: numbers as strings, dates, enum arrays', async () => {
    await insertIfAbsent(em, Specimen, aSpecimen('kinds'));
    const read = (await findRow(em, Specimen, { id: 'kinds' }))!;
    const kinds = {
      big: read.big,
      amount: read.amount,
      day: read.day,
      at: read.at instanceof Date,
      moods: read.moods,
      parts: read.parts,
      doc: read.doc,
    };
    expect(kinds).toEqual({
      big: '9007199254740993',
      amount: '12.50',
      day: '2026-03-01',
      at: true,
      moods: ['calm', 'busy'],
      parts: ['x', 'y'],
      doc: { answer: 42, list: ['a', 'b'] },
    });
  });

  it('leaves a row that exists alone and says so', async () => {
    await insertIfAbsent(em, Specimen, aSpecimen('twice'));
    const again = Object.assign(aSpecimen('twice'), { count: 7 });
    expect(await insertIfAbsent(em, Specimen, again)).toBe(false);
    expect((await findRow(em, Specimen, { id: 'twice' }))!.count).toBe(42);
  });

  it('writes a changed row back as TypeORM updates it', async () => {
    const change = (s: Specimen) =>
      Object.assign(s, {
        count: 43,
        flag: false,
        implicitFlag: true,
        doc: null,
        tags: [],
        moods: [],
        mood: 'calm',
        localAt: null,
        note: 'changed',
      });
    for (const id of ['ours-back', 'typeorm-back']) await insertIfAbsent(em, Specimen, aSpecimen(id));
    const ours = change((await findRow(em, Specimen, { id: 'ours-back' }))!);
    await writeBack(em, Specimen, ours);
    const { id, ...changes } = change((await findRow(em, Specimen, { id: 'typeorm-back' }))!);
    await em.getRepository(Specimen).update({ id }, changes);

    expect(await stored(em, 'specimen', 'ours-back')).toEqual(await stored(em, 'specimen', 'typeorm-back'));
    expect(await findRow(em, Specimen, { id: 'ours-back' })).toStrictEqual(
      Object.assign(change(aSpecimen('ours-back')), { moods: [], tags: [] }),
    );
  });

  it('writes back only the properties a row has set, as TypeORM does', async () => {
    await insertIfAbsent(em, Specimen, Object.assign(aSpecimen('partial'), { note: 'kept' }));
    const partial = Object.assign(new Specimen(), { id: 'partial', count: 1, note: undefined });
    await writeBack(em, Specimen, partial);
    const read = (await findRow(em, Specimen, { id: 'partial' }))!;
    expect([read.count, read.note, read.mood]).toEqual([1, 'kept', 'busy']);
  });

  it('finds nothing for an unknown key, and by other columns than the key', async () => {
    await insertIfAbsent(em, Specimen, Object.assign(aSpecimen('by-code'), { code: '9999' }));
    const found = [
      await findRow(em, Specimen, { id: 'nobody' }),
      (await findRow(em, Specimen, { code: '9999', count: 42 }))?.id,
    ];
    expect(found).toEqual([null, 'by-code']);
  });

  it('reads several rows in the order and up to the limit asked, as findRow reads one', async () => {
    for (const [id, count] of [
      ['many-a', 3],
      ['many-b', 1],
      ['many-c', 2],
      ['many-d', 9],
    ] as const)
      await insertIfAbsent(em, Specimen, Object.assign(aSpecimen(id), { count, note: 'many' }));
    const rows = await findRows(em, Specimen, {
      where: 'note = $1 AND count < $2',
      orderBy: 'count DESC',
      limit: 2,
      parameters: ['many', 9],
    });
    expect(rows).toStrictEqual([
      await findRow(em, Specimen, { id: 'many-a' }),
      await findRow(em, Specimen, { id: 'many-c' }),
    ]);
  });

  it('reads several rows only of a plain entity, and only with a whole number as the limit', async () => {
    const ask = { where: 'true', orderBy: 'id', limit: 1 };
    await expect(findRows(em, Stamped, ask)).rejects.toThrow('Stamped has no plain rows to read');
    await expect(findRows(em, Specimen, { ...ask, limit: 1.5 })).rejects.toThrow(RangeError);
  });

  it('reads whole rows a statement of its own returns, as findRow reads them', async () => {
    await insertIfAbsent(em, Specimen, aSpecimen('returned'));
    // TypeORM answers an UPDATE with its rows and their count.
    const [rows] = (await em.query(
      `UPDATE specimen SET count = count + 1 WHERE id = $1 RETURNING ${columnList(em, Specimen)}`,
      ['returned'],
    )) as [Record<string, unknown>[], number];
    const [read] = await entitiesOf(em, Specimen, rows);
    expect(read).toStrictEqual(await findRow(em, Specimen, { id: 'returned' }));
    expect(read?.count).toBe(43);
  });

  it('locks the row for the rest of the transaction, and refuses to lock outside one as TypeORM does', async () => {
    await insertIfAbsent(em, Specimen, aSpecimen('locked'));
    const locks = await db.dataSource.transaction(async (tx) => {
      await findRow(tx, Specimen, { id: 'locked' }, { forUpdate: true });
      const rows: { n: number }[] = await tx.query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE c.relname = 'specimen' AND l.mode = 'RowShareLock' AND l.pid = pg_backend_pid()`,
      );
      return rows[0]!.n;
    });
    expect(locks).toBe(1);
    await expect(findRow(em, Specimen, { id: 'locked' }, { forUpdate: true })).rejects.toThrow(
      /transaction/i,
    );
  });

  it('leaves what TypeORM fills in to TypeORM: a property left out gets the column default', async () => {
    const row = Object.assign(new Stamped(), { id: 'stamped', label: 'first' });
    expect(await insertIfAbsent(em, Stamped, row)).toBe(true);
    expect(row.createdAt).toBeInstanceOf(Date);
    row.label = 'second';
    await writeBack(em, Stamped, row);
    expect((await findRow(em, Stamped, { id: 'stamped' }))?.label).toBe('second');
  });

  describe('with a subscriber', () => {
    let sealedDb: TestDatabase;

    beforeAll(async () => {
      sealedDb = await createTestDatabase('rows_sealed', { entities: [Sealed], migrations: [] });
      await sealedDb.dataSource.query('CREATE TABLE sealed (id text PRIMARY KEY, label text NOT NULL)');
      sealedDb.dataSource.subscribers.push(new LabelSeal());
    });

    afterAll(() => sealedDb.drop());

    it('lets TypeORM write what a subscriber hears of, and lets it hear of every read', async () => {
      const tx = sealedDb.dataSource.manager;
      await insertIfAbsent(tx, Sealed, Object.assign(new Sealed(), { id: 'one', label: 'first' }));
      const stored = async () =>
        ((await tx.query(`SELECT label FROM sealed WHERE id = 'one'`)) as { label: string }[])[0]?.label;
      const afterInsert = await stored();
      const found = (await findRow(tx, Sealed, { id: 'one' }))!;
      found.label = 'second';
      await writeBack(tx, Sealed, found);
      const afterWriteBack = await stored();
      const reads = [
        (await findRow(tx, Sealed, { id: 'one' }))?.label,
        (await findRows(tx, Sealed, { where: 'true', orderBy: 'id', limit: 1 }))[0]?.label,
        (await entitiesOf(tx, Sealed, await tx.query(`SELECT ${columnList(tx, Sealed)} FROM sealed`)))[0]
          ?.label,
      ];
      expect({ afterInsert, afterWriteBack, reads }).toEqual({
        afterInsert: 'sealed:first',
        afterWriteBack: 'sealed:second',
        reads: ['second', 'second', 'second'],
      });
    });
  });
});
