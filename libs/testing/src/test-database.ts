import { createDataSource, ensureDatabase, runMigrationsLocked, withDatabase } from '@samenspel/persistence';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL } from './infrastructure';
import { aUniqueName } from './synthetic';

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  /** Closes the data source and drops the database. */
  drop(): Promise<void>;
}

type DataSourceParts = Parameters<typeof createDataSource>[0];

/** A fresh database with the given migrations run, so each test file starts from an empty schema of its own. */
export async function createTestDatabase(
  prefix: string,
  parts: Pick<DataSourceParts, 'entities' | 'migrations'>,
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const name = aUniqueName(`t_${prefix}`).toLowerCase();
  await ensureDatabase(serverUrl, name);
  const dataSource = createDataSource({
    serverUrl,
    database: name,
    applicationName: 'samenspel-test',
    ...parts,
  });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  return {
    name,
    url: withDatabase(serverUrl, name),
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
