import { YOUTH_REF_PATTERN } from '@samenspel/contracts';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { erasedMarker, erasedMarkerSql, isErasedMarker, notErasedSql } from './erased-marker';

describe('the erased marker in SQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('erased_marker', { entities: [], migrations: [] });
  });
  afterAll(async () => db?.drop());

  it('gives each row a marker of its own, shaped like the one erasedMarker() makes', async () => {
    const rows = (await db.dataSource.query(
      `SELECT ${erasedMarkerSql('id::text')} AS marker FROM (VALUES (1), (1), (2)) AS r(id)`,
    )) as { marker: string }[];
    const markers = rows.map((r) => r.marker);
    for (const marker of markers) {
      expect(marker).toMatch(YOUTH_REF_PATTERN);
      expect(isErasedMarker(marker)).toBe(true);
      expect(marker).toHaveLength(erasedMarker().length);
    }
    expect(new Set(markers).size).toBe(3);
  });

  it('tells a marker from a youthRef, the underscore taken literally', async () => {
    const refs = [erasedMarker(), 'erasedX0123456789abcdef', 'YR-0001-abcd'];
    const rows = (await db.dataSource.query(
      `SELECT ref FROM unnest($1::text[]) AS ref WHERE ${notErasedSql('ref')}`,
      [refs],
    )) as { ref: string }[];
    expect(rows.map((r) => r.ref).sort()).toEqual(['YR-0001-abcd', 'erasedX0123456789abcdef'].sort());
  });
});
