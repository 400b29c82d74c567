/**
 * TLS to PostgreSQL: `disable`, `require` (encrypted; with a CA also checks the chain, as libpq's
 * verify-ca) or `verify-full` (chain and host name; the system CAs unless a CA file is given).
 */
export const DATABASE_SSL_MODES = ['disable', 'require', 'verify-full'] as const;
export type DatabaseSslMode = (typeof DATABASE_SSL_MODES)[number];

export interface DatabaseTlsSettings {
  mode?: DatabaseSslMode;
  /** A PEM file with the CA that signed the server's certificate. */
  caFile?: string;
}

/**
 * The server URL with the TLS settings as libpq-style query options. Every connection is made
 * from this URL (the TypeORM pool, the relay's LISTEN session, database creation), so they all
 * get the same TLS; node-postgres reads `sslrootcert` from the file itself. Without settings the
 * URL is returned as it is, so an `sslmode` written into DATABASE_URL still applies.
 */
export function withDatabaseTls(serverUrl: string, settings: DatabaseTlsSettings): string {
  if (!settings.mode && !settings.caFile) return serverUrl;
  const url = new URL(serverUrl);
  const mode = settings.mode ?? 'verify-full';
  for (const option of ['sslmode', 'sslrootcert', 'uselibpqcompat', 'ssl']) url.searchParams.delete(option);
  url.searchParams.set('sslmode', mode);
  if (mode === 'disable') return url.toString();
  // libpq's meaning of sslmode (node-postgres otherwise reads `require` as verify-full).
  url.searchParams.set('uselibpqcompat', 'true');
  if (settings.caFile) url.searchParams.set('sslrootcert', settings.caFile);
  return url.toString();
}
