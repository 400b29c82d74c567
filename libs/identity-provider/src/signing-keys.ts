import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A private RS256 signing key as a JWK with its `kid`. */
export type PrivateSigningKey = JWK & { kid: string; alg: 'RS256'; use: 'sig'; d: string };

/** How many keys the set keeps: the current one signs, the previous one still verifies. */
const KEPT_KEYS = 2;

/** Makes a new RS256 signing key with a fresh kid. */
export async function newSigningKey(): Promise<PrivateSigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' } as PrivateSigningKey;
}

/**
 * The development provider's signing keys, kept in one file (under .cache/) so that a restart and
 * `npm run -s token` sign with the same key. The first key signs; the rest are still published.
 */
export class SigningKeyFile {
  constructor(readonly path: string) {}

  /** Reads the keys, making and saving a first key when the file does not exist yet. */
  async load(): Promise<PrivateSigningKey[]> {
    try {
      const { keys } = JSON.parse(await readFile(this.path, 'utf8')) as { keys: PrivateSigningKey[] };
      if (Array.isArray(keys) && keys.length > 0) return keys;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const keys = [await newSigningKey()];
    await this.save(keys);
    return keys;
  }

  /** Puts a new key first and keeps the one before it, so tokens it signed still verify. */
  async rotate(): Promise<PrivateSigningKey[]> {
    const keys = [await newSigningKey(), ...(await this.load())].slice(0, KEPT_KEYS);
    await this.save(keys);
    return keys;
  }

  private async save(keys: PrivateSigningKey[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file; readable by the owner only.
    const aside = `${this.path}.${process.pid}.tmp`;
    await writeFile(aside, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
    await rename(aside, this.path);
  }
}

/** The key that signs now, as a jose key with its kid. */
export async function currentSigningKey(keys: PrivateSigningKey[]) {
  const [jwk] = keys;
  return { kid: jwk.kid, alg: jwk.alg, key: await importJWK(jwk, jwk.alg) };
}
