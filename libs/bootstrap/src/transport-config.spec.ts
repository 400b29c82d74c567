import { ConfigError, loadConfig } from '@samenspel/http';
import { kafkaConnectionOptions } from '@samenspel/messaging';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { effectiveDatabaseUrl, kafkaTransportOf, ServiceConfig } from './service-config';

const dir = mkdtempSync(join(tmpdir(), 'samenspel-tls-'));
const pem = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`);
  return path;
};
const CA = pem('ca.pem', 'synthetic-ca');
const CERT = pem('client.pem', 'synthetic-client-cert');
const KEY = pem('client.key', 'synthetic-client-key');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(ServiceConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const kafkaOf = (env: Record<string, string>) =>
  kafkaConnectionOptions(kafkaTransportOf(loadConfig(ServiceConfig, env)));

describe('Kafka transport security from the environment', () => {
  it('connects in plain text without settings (the local broker)', () => {
    expect(kafkaOf({})).toEqual({});
  });

  it('uses TLS with the system CAs when KAFKA_SSL is true', () => {
    expect(kafkaOf({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(kafkaOf({ KAFKA_SSL: 'false' })).toEqual({});
  });

  it('verifies the brokers against a CA file and presents a client certificate', () => {
    expect(kafkaOf({ KAFKA_SSL_CA_FILE: CA, KAFKA_SSL_CERT_FILE: CERT, KAFKA_SSL_KEY_FILE: KEY })).toEqual({
      ssl: {
        rejectUnauthorized: true,
        ca: [expect.stringContaining('synthetic-ca')],
        cert: expect.stringContaining('synthetic-client-cert'),
        key: expect.stringContaining('synthetic-client-key'),
      },
    });
  });

  it.each(['scram-sha-256', 'scram-sha-512'])('authenticates with SASL %s over TLS', (mechanism) => {
    const options = kafkaOf({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: 'samenspel-activity',
      KAFKA_SASL_PASSWORD: 'synthetic-pa55word',
    });
    expect(options).toEqual({
      ssl: true,
      sasl: { mechanism, username: 'samenspel-activity', password: 'synthetic-pa55word' },
    });
  });

  it('refuses a mechanism it does not support, SASL without credentials, and a certificate without its key', () => {
    expect(configError({ KAFKA_SASL_MECHANISM: 'plain' }).problems.map((p) => p.variable)).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
    ]);
    expect(configError({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }).problems).toEqual([
      { variable: 'KAFKA_SASL_USERNAME', constraints: ['must be set with KAFKA_SASL_MECHANISM'] },
      { variable: 'KAFKA_SASL_PASSWORD', constraints: ['must be set with KAFKA_SASL_MECHANISM'] },
    ]);
    expect(configError({ KAFKA_SSL_CERT_FILE: CERT }).problems).toEqual([
      { variable: 'KAFKA_SSL_KEY_FILE', constraints: ['must be the path of a readable file'] },
    ]);
    expect(configError({ KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }).problems).toEqual([
      { variable: 'KAFKA_SSL_CA_FILE', constraints: ['must be the path of a readable file'] },
    ]);
  });
});

describe('PostgreSQL TLS from the environment', () => {
  const SERVER = 'postgres://samenspel:synthetic-pa55@db.internal:5432';
  // The TLS options node-postgres takes from the URL every connection of a service is made from.
  const sslOf = (env: Record<string, string>) =>
    new Client({
      connectionString: effectiveDatabaseUrl(loadConfig(ServiceConfig, { DATABASE_URL: SERVER, ...env })),
    }).ssl;

  it('leaves DATABASE_URL as it is without settings (no TLS, or the sslmode written in it)', () => {
    expect(effectiveDatabaseUrl(loadConfig(ServiceConfig, { DATABASE_URL: SERVER }))).toBe(SERVER);
    expect(sslOf({})).toBe(false);
  });

  it('turns TLS off with disable', () => {
    expect(sslOf({ DATABASE_SSL_MODE: 'disable' })).toBe(false);
  });

  it('encrypts without verifying the server with require, as libpq does', () => {
    expect(sslOf({ DATABASE_SSL_MODE: 'require' })).toEqual({ rejectUnauthorized: false });
  });

  it('verifies the chain and the host name with verify-full, against the CA file when given', () => {
    const ssl = sslOf({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA: CA }) as unknown as Record<
      string,
      unknown
    >;
    expect(ssl.ca).toContain('synthetic-ca');
    expect(ssl.rejectUnauthorized).not.toBe(false);
    expect(ssl.checkServerIdentity).toBeUndefined();
    expect(sslOf({ DATABASE_SSL_MODE: 'verify-full' })).toEqual({});
  });

  it('keeps the credentials and replaces an sslmode already in the URL', () => {
    const url = effectiveDatabaseUrl(
      loadConfig(ServiceConfig, { DATABASE_URL: `${SERVER}?sslmode=disable`, DATABASE_SSL_MODE: 'require' }),
    );
    const parsed = new URL(url);
    expect([parsed.username, parsed.password, parsed.searchParams.getAll('sslmode')]).toEqual([
      'samenspel',
      'synthetic-pa55',
      ['require'],
    ]);
  });

  it('refuses a mode it does not know and a CA file it cannot read', () => {
    expect(
      configError({ DATABASE_SSL_MODE: 'prefer', DATABASE_SSL_CA: join(dir, 'missing.pem') }).problems.map(
        (p) => p.variable,
      ),
    ).toEqual(['DATABASE_SSL_MODE', 'DATABASE_SSL_CA']);
  });
});

describe('configuration errors never repeat a secret', () => {
  it('names the variable and the rule, not the value', () => {
    const invalid = {
      METRICS_TOKEN: 'short-metrics-token',
      DATABASE_URL: 'mysql://app:db-secret-pa55@db.internal/x',
      KAFKA_SASL_MECHANISM: 'plain-secret-mechanism',
    };
    const error = configError({
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'synthetic-scram-pa55',
      ...invalid,
    });

    expect(error.problems.map((p) => p.variable).sort()).toEqual(Object.keys(invalid).sort());
    for (const value of [...Object.values(invalid), 'synthetic-scram-pa55']) {
      expect(error.message).not.toContain(value.slice(0, 12));
      expect(JSON.stringify(error.problems)).not.toContain(value.slice(0, 12));
    }
  });
});
