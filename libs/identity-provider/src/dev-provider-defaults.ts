import { join } from 'node:path';

/** Where `npm start` runs the development provider. */
export const DEV_IDENTITY_PROVIDER_PORT = 3005;
export const DEV_ISSUER = `http://127.0.0.1:${DEV_IDENTITY_PROVIDER_PORT}`;

/** The signing keys of the development provider, shared by `npm start`, the tests and `npm run -s token`. */
export function devSigningKeysFile(repoRoot: string): string {
  return join(repoRoot, '.cache', 'identity-provider', 'signing-keys.json');
}
