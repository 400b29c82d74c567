import { IsString } from 'class-validator';
import { BaseServiceConfig, DEV_JWT_SECRET } from './base-service-config';
import { ConfigError, loadConfig } from './validate-config';

const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-chars';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies every default when the environment is empty', () => {
    const config = loadConfig(BaseServiceConfig, {});

    expect(config).toBeInstanceOf(BaseServiceConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      LOG_LEVEL: 'info',
      JWT_SECRET: DEV_JWT_SECRET,
      AUTH_ISSUER: 'samenspel-dev',
      AUTH_AUDIENCE: 'samenspel',
      AUTH_CLOCK_TOLERANCE_SECONDS: 30,
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
    });
    expect(config.AUTH_JWKS_URL).toBeUndefined();
  });

  it('turns ports and tolerances into numbers and the broker list into an array', () => {
    const config = loadConfig(BaseServiceConfig, {
      PORT: '8080',
      AUTH_CLOCK_TOLERANCE_SECONDS: '0',
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: '900',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9093',
    });

    expect(config.PORT).toBe(8080);
    expect(config.AUTH_CLOCK_TOLERANCE_SECONDS).toBe(0);
    expect(config.AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(900);
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9093']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(BaseServiceConfig, { PORT: '', LOG_LEVEL: '' })).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: 'info',
    });
  });

  it('reads only the variables the class declares', () => {
    const config = loadConfig(BaseServiceConfig, { PATH: '/usr/bin', HOME: '/root' });

    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('HOME');
  });

  it('lists every invalid variable with its constraint in one error', () => {
    const error = configError(() =>
      loadConfig(BaseServiceConfig, {
        NODE_ENV: 'staging',
        PORT: '0',
        KAFKA_BROKERS: 'kafka-without-port',
        JWT_SECRET: 'too-short',
        AUTH_CLOCK_TOLERANCE_SECONDS: '301',
        AUTH_JWKS_URL: 'not a url',
      }),
    );

    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'AUTH_CLOCK_TOLERANCE_SECONDS',
      'AUTH_JWKS_URL',
      'KAFKA_BROKERS',
      'NODE_ENV',
      'PORT',
    ]);
    expect(error.message).toContain('Invalid configuration:\n');
    expect(error.message).toContain('- PORT: must not be less than 1');
    expect(error.message).toContain('- AUTH_CLOCK_TOLERANCE_SECONDS: must not be greater than 300');
    expect(error.message).toContain('- KAFKA_BROKERS: must be a comma-separated list of host:port');
    expect(error.message).toMatch(
      /- NODE_ENV: must be one of the following values: development, test, production/,
    );
  });

  it('reads who may scrape /metrics: loopback by default, else the CIDRs given, and a long enough token', () => {
    expect(loadConfig(BaseServiceConfig, {}).METRICS_ALLOWED_CIDRS).toEqual(['127.0.0.0/8', '::1/128']);
    const config = loadConfig(BaseServiceConfig, {
      METRICS_ALLOWED_CIDRS: '10.42.0.0/16, fd00::/8',
      METRICS_TOKEN: 'x'.repeat(32),
    });
    expect(config.METRICS_ALLOWED_CIDRS).toEqual(['10.42.0.0/16', 'fd00::/8']);
    const error = configError(() =>
      loadConfig(BaseServiceConfig, {
        METRICS_ALLOWED_CIDRS: '10.42.0.0/16,prometheus',
        METRICS_TOKEN: 'short',
      }),
    );
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['METRICS_ALLOWED_CIDRS', 'METRICS_TOKEN']);
    expect(error.message).toContain('- METRICS_ALLOWED_CIDRS: must be a comma-separated list of CIDRs');
    expect(error.message).not.toContain('short');
  });

  it('rejects a short JWT_SECRET when no JWKS URL is set', () => {
    const error = configError(() => loadConfig(BaseServiceConfig, { JWT_SECRET: 'too-short' }));

    expect(error.message).toBe(
      'Invalid configuration:\n- JWT_SECRET: must be longer than or equal to 32 characters',
    );
  });

  it('rejects a non-numeric port with its constraints in the order they are declared', () => {
    expect(configError(() => loadConfig(BaseServiceConfig, { PORT: 'http' })).message).toBe(
      'Invalid configuration:\n- PORT: must be an integer number; must not be less than 1; must not be greater than 65535',
    );
  });

  it('refuses the development secret in production', () => {
    const error = configError(() => loadConfig(BaseServiceConfig, { NODE_ENV: 'production' }));

    expect(error.problems).toEqual([
      {
        variable: 'JWT_SECRET',
        constraints: ['must be set explicitly in production (or set AUTH_JWKS_URL instead)'],
      },
    ]);
  });

  it('accepts production with an explicit secret', () => {
    const config = loadConfig(BaseServiceConfig, { NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET });

    expect(config.JWT_SECRET).toBe(PRODUCTION_SECRET);
  });

  it('accepts production without a secret when a JWKS URL is set', () => {
    const config = loadConfig(BaseServiceConfig, {
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'http://keycloak:8080/realms/samenspel/protocol/openid-connect/certs',
    });

    expect(config.AUTH_JWKS_URL).toBe('http://keycloak:8080/realms/samenspel/protocol/openid-connect/certs');
  });

  it('lets a service subclass override the port default and add its own variables', () => {
    class ActivityConfig extends BaseServiceConfig {
      override PORT: number = 3003;

      @IsString()
      ACTIVITY_CALENDAR_URL: string;
    }

    const error = configError(() => loadConfig(ActivityConfig, {}));
    expect(error.problems.map((p) => p.variable)).toEqual(['ACTIVITY_CALENDAR_URL']);

    const config = loadConfig(ActivityConfig, { ACTIVITY_CALENDAR_URL: 'http://calendar', PORT: '4000' });
    expect(config).toMatchObject({ PORT: 4000, ACTIVITY_CALENDAR_URL: 'http://calendar' });
    expect(loadConfig(ActivityConfig, { ACTIVITY_CALENDAR_URL: 'x' }).PORT).toBe(3003);
  });
});
