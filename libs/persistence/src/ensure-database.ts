import { Client } from 'pg';
import { assertDatabaseName, withDatabase } from './database-url';

/** Creates the database when it is missing; safe when several processes race to create it. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<boolean> {
  assertDatabaseName(database);
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${database}"`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database, 23505 unique_violation: another process created it first.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}
