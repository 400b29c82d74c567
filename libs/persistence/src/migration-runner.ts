import type { DataSource } from 'typeorm';

/** Any fixed 64-bit key: all services' migration runners in one database queue on it. */
const MIGRATION_LOCK_KEY = 727_201_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that two instances starting at
 * once never run the same migration twice. Returns the names of the migrations it ran.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
  }
}
