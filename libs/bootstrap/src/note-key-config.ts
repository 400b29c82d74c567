import type { NoteKeySettings } from '@samenspel/persistence';
import { NotTheDevValueInProduction } from '@samenspel/http';
import { IsOptional, Matches } from 'class-validator';
import { ServiceConfig } from './service-config';

/**
 * The development note key: public (it is in this repository), so production refuses it.
 * base64 of 32 bytes.
 */
export const DEV_NOTE_ENCRYPTION_KEY = 'c2FtZW5zcGVsLWRldi1ub3RlLWtleS0zMi1ieXRlcyE=';

type ConfigClass = new (...args: any[]) => ServiceConfig; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Adds the note key variables to a service's config, for the services that keep free-text notes
 * (referral, notification, ops console): `class ReferralConfig extends WithNoteKeys(ServiceConfig)`.
 */
export function WithNoteKeys<TBase extends ConfigClass>(Base: TBase) {
  class NoteKeyConfig extends Base implements NoteKeySettings {
    /** AES-256-GCM key for free-text notes at rest: base64 of 32 random bytes (`openssl rand -base64 32`). */
    @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be base64 of exactly 32 bytes' })
    @NotTheDevKeyInProduction()
    NOTE_ENCRYPTION_KEY: string = DEV_NOTE_ENCRYPTION_KEY;

    /** Stored with every ciphertext; change it together with the key when rotating. */
    @Matches(/^[A-Za-z0-9_-]{1,32}$/)
    NOTE_ENCRYPTION_KEY_ID: string = 'dev';

    /** Earlier keys that still decrypt old notes: `id:base64,id:base64`. */
    @IsOptional()
    @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
      message: 'must be a comma-separated list of keyId:base64key',
    })
    NOTE_ENCRYPTION_PREVIOUS_KEYS?: string;
  }
  return NoteKeyConfig;
}

function NotTheDevKeyInProduction() {
  return NotTheDevValueInProduction(
    'notTheDevNoteKeyInProduction',
    DEV_NOTE_ENCRYPTION_KEY,
    'must be set explicitly in production',
  );
}
