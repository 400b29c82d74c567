import { ServiceConfig } from '@samenspel/bootstrap';
import { IsOptional, Matches, ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * The development note key: public (it is in this repository), so production refuses it.
 * base64 of 32 bytes.
 */
export const DEV_NOTE_ENCRYPTION_KEY = 'c2FtZW5zcGVsLWRldi1ub3RlLWtleS0zMi1ieXRlcyE=';

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class ReferralConfig extends ServiceConfig {
  /** AES-256-GCM key for notes at rest: base64 of 32 random bytes (`openssl rand -base64 32`). */
  @Matches(BASE64_32_BYTES, { message: 'must be base64 of exactly 32 bytes' })
  @NotTheDevKeyInProduction()
  NOTE_ENCRYPTION_KEY: string = DEV_NOTE_ENCRYPTION_KEY;

  /** Stored with every ciphertext; change it together with the key when rotating. */
  @Matches(KEY_ID)
  NOTE_ENCRYPTION_KEY_ID: string = 'dev';

  /** Earlier keys that still decrypt old notes: `id:base64,id:base64`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'must be a comma-separated list of keyId:base64key',
  })
  NOTE_ENCRYPTION_PREVIOUS_KEYS?: string;

  /** Follow-up plan steps after which `not-reached` fails the referral (comma-separated). */
  @Matches(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/)
  FOLLOW_UP_FINAL_STEPS: string = 'check-in-3m';
}

function NotTheDevKeyInProduction() {
  return ValidateBy({
    name: 'notTheDevNoteKeyInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        (args?.object as ReferralConfig | undefined)?.NODE_ENV !== 'production' ||
        value !== DEV_NOTE_ENCRYPTION_KEY,
      defaultMessage: () => 'must be set explicitly in production',
    },
  });
}
