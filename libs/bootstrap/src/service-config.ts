import { BaseServiceConfig, IntSetting, ParsedBy } from '@samenspel/http';
import {
  DEFAULT_MAX_EVENT_BYTES,
  KAFKA_SASL_MECHANISMS,
  type KafkaSaslMechanism,
  type KafkaTransportSettings,
} from '@samenspel/messaging';
import { DATABASE_SSL_MODES, withDatabaseTls, type DatabaseSslMode } from '@samenspel/persistence';
import { accessSync, constants } from 'node:fs';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';

/** The variables of every event-driven service, on top of the HTTP ones. */
export class ServiceConfig extends BaseServiceConfig {
  /** The address the HTTP server binds to: loopback by default, 0.0.0.0 in a container. */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/)
  HOST: string = '127.0.0.1';

  /** Outbox rows per produce request. */
  @IntSetting(1, 5000)
  OUTBOX_BATCH_SIZE: number = 500;

  /** How often the relay looks for work when no notification woke it (ms). */
  @IntSetting(10, 60000)
  OUTBOX_POLL_INTERVAL_MS: number = 1000;

  /** Attempts of a failing handler before its event is dead-lettered. */
  @IntSetting(1, 20)
  CONSUMER_MAX_ATTEMPTS: number = 4;

  /** Connections in the service's PostgreSQL pool. */
  @IntSetting(2, 100)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * Parameterised statements run as named prepared statements, parsed once per connection. Turn
   * off behind a pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  // Read the raw string: implicit conversion would already have turned 'false' into true.
  @Transform(({ obj, value }) =>
    typeof obj.DATABASE_PREPARED_STATEMENTS === 'string'
      ? obj.DATABASE_PREPARED_STATEMENTS === 'true'
      : value,
  )
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS: boolean = true;

  /** Overrides the service's own database name (samenspel_<service>); tests use a fresh one each. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/)
  DATABASE_NAME?: string;

  /** Overrides the service's consumer group (samenspel-<service>); tests isolate themselves with it. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  KAFKA_GROUP_ID?: string;

  /** Where a new consumer group starts: true = the oldest retained event, false = only new events. */
  // Read the raw string: implicit conversion would already have turned 'false' into true.
  @Transform(({ obj, value }) =>
    typeof obj.KAFKA_FROM_BEGINNING === 'string' ? obj.KAFKA_FROM_BEGINNING === 'true' : value,
  )
  @IsBoolean()
  KAFKA_FROM_BEGINNING: boolean = true;

  /** Records larger than this (key, value and headers, in bytes) are dead-lettered as `oversized`, unread. */
  @IntSetting(1024, 64 * 1024 * 1024)
  EVENT_MAX_BYTES: number = DEFAULT_MAX_EVENT_BYTES;

  /** TLS to the brokers, verified against the system CAs (implied by any KAFKA_SSL_*_FILE). */
  @Transform(({ obj, value }) => (typeof obj.KAFKA_SSL === 'string' ? obj.KAFKA_SSL === 'true' : value))
  @IsBoolean()
  KAFKA_SSL: boolean = false;

  /** PEM file of the CA that signed the brokers' certificates. */
  @IsOptional()
  @IsReadableFile()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate and key, for brokers that authenticate clients by mutual TLS; both or neither. */
  @ValidateIf((c: ServiceConfig) => c.KAFKA_SSL_CERT_FILE !== undefined || c.KAFKA_SSL_KEY_FILE !== undefined)
  @IsReadableFile()
  KAFKA_SSL_CERT_FILE?: string;

  @ValidateIf((c: ServiceConfig) => c.KAFKA_SSL_CERT_FILE !== undefined || c.KAFKA_SSL_KEY_FILE !== undefined)
  @IsReadableFile()
  KAFKA_SSL_KEY_FILE?: string;

  /** SASL/SCRAM authentication to the brokers; with it, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. */
  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString({ message: 'must be set with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME?: string;

  /** A secret: read from the environment only, never logged, never part of an error message. */
  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString({ message: 'must be set with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD?: string;

  /** TLS to PostgreSQL: disable, require or verify-full. Unset: as DATABASE_URL says (no TLS by default). */
  @IsOptional()
  @IsIn(DATABASE_SSL_MODES)
  DATABASE_SSL_MODE?: DatabaseSslMode;

  /** PEM file of the CA that signed the PostgreSQL server's certificate. */
  @IsOptional()
  @IsReadableFile()
  DATABASE_SSL_CA?: string;

  /**
   * How often the retention sweeper runs, and looks for erased youngsters an event brought back
   * (ms). Every service runs one; its retention periods are in its own config.
   */
  @IntSetting(50, 86400000)
  RETENTION_SWEEP_INTERVAL_MS: number = 300000;

  /**
   * For tests only: a file holding the instant the service's clock is set to (FileClock), so that
   * a test runs months of flows in minutes. Production refuses it and reads the system clock.
   */
  @IsOptional()
  @NotInProduction()
  @IsString()
  CLOCK_FILE?: string;
}

/** The Kafka transport settings (TLS, SASL) of a loaded config. */
export function kafkaTransportOf(config: ServiceConfig): KafkaTransportSettings {
  return {
    ssl: config.KAFKA_SSL,
    sslCaFile: config.KAFKA_SSL_CA_FILE,
    sslCertFile: config.KAFKA_SSL_CERT_FILE,
    sslKeyFile: config.KAFKA_SSL_KEY_FILE,
    saslMechanism: config.KAFKA_SASL_MECHANISM,
    saslUsername: config.KAFKA_SASL_USERNAME,
    saslPassword: config.KAFKA_SASL_PASSWORD,
  };
}

/** DATABASE_URL with DATABASE_SSL_MODE and DATABASE_SSL_CA applied: the URL every connection uses. */
export function effectiveDatabaseUrl(config: ServiceConfig): string {
  return withDatabaseTls(config.DATABASE_URL, {
    mode: config.DATABASE_SSL_MODE,
    caFile: config.DATABASE_SSL_CA,
  });
}

function NotInProduction() {
  return ValidateBy({
    name: 'notInProduction',
    validator: {
      validate: (_value: unknown, args) => (args?.object as ServiceConfig).NODE_ENV !== 'production',
      defaultMessage: () => 'is for tests and refused in production',
    },
  });
}

function IsReadableFile() {
  return ParsedBy(
    'isReadableFile',
    (path) => accessSync(path, constants.R_OK),
    'must be the path of a readable file',
  );
}
