import { aYouthRef, createTestDatabase, type TestDatabase } from '@samenspel/testing';
import type { AuditEntry } from '../src/audit-entry';
import { AuditRecordEntity } from '../src/audit-record.entity';
import { AuditTrail } from '../src/audit-trail';
import { AuditTrail1795810000000 } from '../src/migrations/1795810000000-audit-trail';

const APPEND_ONLY = /audit_record is append-only/;

describe('the audit trail in PostgreSQL', () => {
  let db: TestDatabase;
  let sut: AuditTrail;

  beforeAll(async () => {
    db = await createTestDatabase('audit', {
      entities: [AuditRecordEntity],
      migrations: [AuditTrail1795810000000],
    });
    sut = new AuditTrail(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const aRead = (subjectRef: string, sub = 'u-reader'): AuditEntry => ({
    actor: { sub, role: 'youth-worker', teamId: 'team-noord' },
    action: 'read',
    resourceType: 'referral',
    resourceId: 'r-1',
    subjectRef,
    method: 'GET',
    route: '/api/v1/referrals/:id',
    statusCode: 200,
  });

  const rowsOf = (subjectOrErasedFor: string) =>
    db.dataSource.query(`SELECT * FROM audit_record WHERE resource_id = $1 ORDER BY id`, [
      subjectOrErasedFor,
    ]) as Promise<Record<string, unknown>[]>;

  it('appends a record with who, role, what, when and the endpoint, and finds it by subject', async () => {
    const youthRef = aYouthRef();
    const before = Date.now();

    await sut.record(aRead(youthRef));

    const { items, total } = await sut.find({ subject: youthRef, limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      actor: { sub: 'u-reader', role: 'youth-worker', teamId: 'team-noord' },
      action: 'read',
      resource: { type: 'referral', id: 'r-1' },
      subjectRef: youthRef,
      subjectErased: false,
      endpoint: { method: 'GET', route: '/api/v1/referrals/:id' },
      statusCode: 200,
      outcome: 'success',
    });
    expect(Date.parse(items[0].occurredAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refuses an UPDATE of any column', async () => {
    const youthRef = aYouthRef();
    await sut.record(aRead(youthRef));

    await expect(
      db.dataSource.query(`UPDATE audit_record SET actor_sub = 'someone-else' WHERE subject_ref = $1`, [
        youthRef,
      ]),
    ).rejects.toThrow(APPEND_ONLY);
    await expect(
      db.dataSource.query(
        `UPDATE audit_record SET subject_ref = NULL, subject_erased = true WHERE subject_ref = $1`,
        [youthRef],
      ),
    ).rejects.toThrow(APPEND_ONLY);
    const { items } = await sut.find({ subject: youthRef, limit: 10, offset: 0 });
    expect(items.map((r) => r.actor.sub)).toEqual(['u-reader']);
  });

  it('refuses a DELETE, also while redaction is switched on', async () => {
    const youthRef = aYouthRef();
    await sut.record(aRead(youthRef));

    await expect(
      db.dataSource.query(`DELETE FROM audit_record WHERE subject_ref = $1`, [youthRef]),
    ).rejects.toThrow(APPEND_ONLY);
    await expect(
      db.dataSource.transaction(async (em) => {
        await em.query(`SET LOCAL samenspel.audit_redaction = 'on'`);
        await em.query(`DELETE FROM audit_record WHERE subject_ref = $1`, [youthRef]);
      }),
    ).rejects.toThrow(APPEND_ONLY);
    expect((await sut.find({ subject: youthRef, limit: 10, offset: 0 })).total).toBe(1);
  });

  it('refuses a TRUNCATE', async () => {
    const youthRef = aYouthRef();
    await sut.record(aRead(youthRef));

    await expect(db.dataSource.query(`TRUNCATE audit_record`)).rejects.toThrow(APPEND_ONLY);
    expect((await sut.find({ subject: youthRef, limit: 10, offset: 0 })).total).toBe(1);
  });

  it('with redaction on, still refuses an UPDATE that changes more than the youthRef', async () => {
    const youthRef = aYouthRef();
    await sut.record(aRead(youthRef));

    await expect(
      db.dataSource.transaction(async (em) => {
        await em.query(`SET LOCAL samenspel.audit_redaction = 'on'`);
        await em.query(
          `UPDATE audit_record SET subject_ref = NULL, subject_erased = true, action = 'create'
           WHERE subject_ref = $1`,
          [youthRef],
        );
      }),
    ).rejects.toThrow(APPEND_ONLY);
  });

  it("redacts one youngster's youthRef from every record and leaves the rest of each record as it was", async () => {
    const erased = aYouthRef();
    const other = aYouthRef();
    const resourceId = `r-${erased}`;
    for (const subjectRef of [erased, erased, other]) {
      await sut.record({ ...aRead(subjectRef), resourceId });
    }
    const before = await rowsOf(resourceId);

    const redacted = await db.dataSource.transaction((em) => sut.redactSubject(em, erased));

    expect(redacted).toBe(2);
    const after = await rowsOf(resourceId);
    expect(after.map((r) => [r.subject_ref, r.subject_erased])).toEqual([
      [null, true],
      [null, true],
      [other, false],
    ]);
    const unchanged = (r: Record<string, unknown>) => ({
      ...r,
      subject_ref: undefined,
      subject_erased: undefined,
    });
    expect(after.map(unchanged)).toEqual(before.map(unchanged));
    expect((await sut.find({ subject: erased, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('switches redaction off again for the rest of the erasure transaction', async () => {
    const erased = aYouthRef();
    const other = aYouthRef();
    await sut.record(aRead(erased));
    await sut.record(aRead(other));

    await expect(
      db.dataSource.transaction(async (em) => {
        await sut.redactSubject(em, erased);
        await em.query(
          `UPDATE audit_record SET subject_ref = NULL, subject_erased = true WHERE subject_ref = $1`,
          [other],
        );
      }),
    ).rejects.toThrow(APPEND_ONLY);
    // The whole transaction rolled back: the first youngster's ref is still there too.
    expect((await sut.find({ subject: erased, limit: 10, offset: 0 })).total).toBe(1);
    expect((await sut.find({ subject: other, limit: 10, offset: 0 })).total).toBe(1);
  });

  it('redacts in a transaction of its own when the caller has none', async () => {
    const erased = aYouthRef();
    await sut.record(aRead(erased));

    await expect(sut.redactSubject(db.dataSource.manager, erased)).resolves.toBe(1);
    expect((await sut.find({ subject: erased, limit: 10, offset: 0 })).total).toBe(0);
  });
});
