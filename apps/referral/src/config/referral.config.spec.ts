import { ConfigError, loadConfig } from '@samenspel/http';
import { DEV_NOTE_ENCRYPTION_KEY } from '@samenspel/bootstrap';
import { ReferralConfig } from './referral.config';

/** The identity provider a production service must name. */
const PROVIDER = {
  AUTH_ISSUER: 'https://login.example.org/realms/samenspel',
  AUTH_JWKS_URL: 'https://login.example.org/realms/samenspel/protocol/openid-connect/certs',
};

describe('the referral service configuration', () => {
  it('uses the documented development note key outside production', () => {
    expect(loadConfig(ReferralConfig, {}).NOTE_ENCRYPTION_KEY).toBe(DEV_NOTE_ENCRYPTION_KEY);
  });

  it('refuses to start in production with the development note key', () => {
    expect(() => loadConfig(ReferralConfig, { NODE_ENV: 'production', ...PROVIDER })).toThrow(
      /NOTE_ENCRYPTION_KEY: must be set explicitly in production/,
    );
  });

  it('accepts a real key in production', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig(ReferralConfig, {
      NODE_ENV: 'production',
      ...PROVIDER,
      NOTE_ENCRYPTION_KEY: key,
      NOTE_ENCRYPTION_KEY_ID: 'k2026',
    });
    expect(config.NOTE_ENCRYPTION_KEY_ID).toBe('k2026');
  });

  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() =>
      loadConfig(ReferralConfig, { NOTE_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }),
    ).toThrow(ConfigError);
  });
});
