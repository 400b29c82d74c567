/** The default server; each service gets its own database on it. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432';

/** Points a server URL at one database, keeping credentials, host and query options. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Database names are fixed identifiers of ours, never user input; still, refuse anything odd. */
export function assertDatabaseName(name: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name "${name}"`);
  return name;
}
