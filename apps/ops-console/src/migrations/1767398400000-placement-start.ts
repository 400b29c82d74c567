import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each placement started and in which municipality, for participation at 4, 8 and 12 weeks:
 * a later attendance counts for the placement's start. No youthRef: it survives erasure.
 */
export class PlacementStart1767398400000 implements MigrationInterface {
  name = 'PlacementStart1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE placement_start (
        placement_id text PRIMARY KEY,
        municipality_code text NOT NULL,
        started_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE placement_start`);
  }
}
