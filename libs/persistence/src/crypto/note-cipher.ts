import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

/** A note key cannot decrypt, or the ciphertext was changed: never shown, never guessed at. */
export class NoteDecryptionError extends Error {
  override name = 'NoteDecryptionError';
}

export interface NoteKey {
  id: string;
  key: Buffer;
}

/**
 * Encrypts short free-text notes at rest with AES-256-GCM. The stored form is
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts): the key id travels with the ciphertext
 * so that keys can be rotated (new notes use the current key; older keys still decrypt). The
 * referral id is bound in as additional authenticated data, so a ciphertext copied onto another
 * referral does not decrypt.
 */
export class NoteCipher {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: NoteKey,
    previous: readonly NoteKey[] = [],
  ) {
    for (const k of [current, ...previous]) {
      if (k.key.length !== 32) throw new Error(`note key ${k.id} must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new Error('a note key id is 1-32 of [A-Za-z0-9_-]');
      this.keys.set(k.id, k.key);
    }
  }

  encrypt(plaintext: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, this.current.id, b64(iv), b64(tag), b64(body)].join('.');
  }

  decrypt(stored: string, boundTo: string): string {
    const [format, keyId, iv, tag, body, ...rest] = stored.split('.');
    if (format !== FORMAT || rest.length > 0 || !iv || !tag || body === undefined) {
      throw new NoteDecryptionError('unknown note format');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new NoteDecryptionError(`no note key with id ${keyId}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (error) {
      throw new NoteDecryptionError('the note does not authenticate', { cause: error });
    }
  }

  /** The id of the key new notes are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** The note key settings every service reads from its environment (see ServiceConfig). */
export interface NoteKeySettings {
  NOTE_ENCRYPTION_KEY: string;
  NOTE_ENCRYPTION_KEY_ID: string;
  /** Retired keys that still decrypt: `id:base64,id:base64`. */
  NOTE_ENCRYPTION_PREVIOUS_KEYS?: string;
}

export function noteCipherFrom(settings: NoteKeySettings): NoteCipher {
  const previous = (settings.NOTE_ENCRYPTION_PREVIOUS_KEYS ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [id, key] = entry.split(':');
      return { id, key: Buffer.from(key, 'base64') };
    });
  return new NoteCipher(
    { id: settings.NOTE_ENCRYPTION_KEY_ID, key: Buffer.from(settings.NOTE_ENCRYPTION_KEY, 'base64') },
    previous,
  );
}
