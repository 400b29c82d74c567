import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { withDatabase } from './database-url';
import { PreparedStatementClient } from './prepared-statements';

export interface DataSourceOptions {
  serverUrl: string;
  database: string;
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** Parameterised statements as named prepared statements (default); see PreparedStatementClient. */
  preparedStatements?: boolean;
}

/** A PostgreSQL data source whose schema comes only from migrations: never `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: withDatabase(options.serverUrl, options.database),
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    extra: {
      connectionTimeoutMillis: 5000,
      ...(options.preparedStatements !== false && { Client: PreparedStatementClient }),
    },
  });
}
