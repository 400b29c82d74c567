import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who completed a task, and the reason code of a declined offer's completion. */
export class TaskCompletion1796000000000 implements MigrationInterface {
  name = 'TaskCompletion1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task ADD COLUMN completed_by text, ADD COLUMN outcome_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task DROP COLUMN completed_by, DROP COLUMN outcome_reason`);
  }
}
