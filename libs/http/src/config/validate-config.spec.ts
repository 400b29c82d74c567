import { IsString } from 'class-validator';
import { BaseServiceConfig } from './base-service-config';
import { ConfigError, loadConfig } from './validate-config';

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
      AUTH_ISSUER: 'http://127.0.0.1:3005',
      AUTH_JWKS_URL: 'http://127.0.0.1:3005/jwks',
      AUTH_AUDIENCE: 'samenspel',
      AUTH_CLOCK_TOLERANCE_SECONDS: 30,
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
    });
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

  it('rejects a non-numeric port with its constraints in the order they are declared', () => {
    expect(configError(() => loadConfig(BaseServiceConfig, { PORT: 'http' })).message).toBe(
      'Invalid configuration:\n- PORT: must be an integer number; must not be less than 1; must not be greater than 65535',
    );
  });

  it('refuses the development identity provider in production', () => {
    const error = configError(() => loadConfig(BaseServiceConfig, { NODE_ENV: 'production' }));

    expect(error.problems).toEqual([
      {
        variable: 'AUTH_JWKS_URL',
        constraints: ["must be set in production to your identity provider's JWKS URL"],
      },
      {
        variable: 'AUTH_ISSUER',
        constraints: ["must be set in production to your identity provider's issuer"],
      },
    ]);
  });

  it('accepts production with the issuer and key set of its identity provider', () => {
    const config = loadConfig(BaseServiceConfig, {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://keycloak.example.org/realms/samenspel',
      AUTH_JWKS_URL: 'https://keycloak.example.org/realms/samenspel/protocol/openid-connect/certs',
    });

    expect(config.AUTH_JWKS_URL).toBe(
      'https://keycloak.example.org/realms/samenspel/protocol/openid-connect/certs',
    );
  });

  it('takes a claim name, a namespaced claim or a dotted path for each claim setting, and refuses one with spaces', () => {
    const config = loadConfig(BaseServiceConfig, {
      AUTH_CLAIM_ROLE: 'realm_access.roles',
      AUTH_CLAIM_ORG: 'https://samenspel.example.org/org',
    });
    expect([config.AUTH_CLAIM_ROLE, config.AUTH_CLAIM_ORG]).toEqual([
      'realm_access.roles',
      'https://samenspel.example.org/org',
    ]);

    const error = configError(() =>
      loadConfig(BaseServiceConfig, {
        AUTH_CLAIM_TEAM_ID: 'team id',
        AUTH_CLAIM_MUNICIPALITY_CODES: 'municipality codes',
      }),
    );
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'AUTH_CLAIM_MUNICIPALITY_CODES',
      'AUTH_CLAIM_TEAM_ID',
    ]);
    expect(error.message).toContain(
      '- AUTH_CLAIM_TEAM_ID: must be a claim name or a dotted path, without spaces',
    );
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
