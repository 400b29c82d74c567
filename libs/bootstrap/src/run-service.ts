import 'reflect-metadata';
import type { Server } from 'node:http';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, AuditRecordEntity, AuditTrail1795810000000 } from '@samenspel/audit';
import {
  configureHttpApp,
  HttpPlatformModule,
  loadConfig,
  MetricsRegistry,
  publicBaseUrl,
  type ReadinessCheck,
} from '@samenspel/http';
import {
  InboxEventEntity,
  kafkaConnectionOptions,
  MessagingCore1764201600000,
  MessagingModule,
  MessagingRuntime,
  OutboxEventEntity,
} from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { createLogger } from '@samenspel/observability';
import {
  createDataSource,
  ensureDatabase,
  runMigrationsLocked,
  withDatabase,
  type DataSourceOptions,
} from '@samenspel/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, serviceNamed, type ServiceName } from './service-catalog';
import { effectiveDatabaseUrl, kafkaTransportOf, ServiceConfig } from './service-config';
import { globalModule } from './global-module';
import { serviceClock } from './service-clock';
import { serviceInfoController } from './service-info.controller';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: ServiceName;
  version?: string;
  config?: new () => C;
  /** The service's feature modules. */
  imports: (config: C) => NonNullable<DynamicModule['imports']>;
  entities?: DataSourceOptions['entities'];
  migrations?: DataSourceOptions['migrations'];
  /** Routes served outside /api/v1 besides health, metrics and docs (the console page at `/`). */
  unprefixedRoutes?: string[];
}

/** Builds the root module of a service: persistence, messaging and HTTP conventions around its features. */
export function serviceModule<C extends ServiceConfig>(def: ServiceDefinition<C>, config: C): DynamicModule {
  const descriptor = effectiveDescriptor(def.name, config);
  const databaseUrl = withDatabase(config.DATABASE_URL, descriptor.database);
  @Module({ controllers: [serviceInfoController(descriptor, def.version ?? '0.1.0')] })
  class ServiceRootModule {}
  return {
    module: ServiceRootModule,
    imports: [
      // Every feature module may inject the Clock; a test overrides this provider or sets CLOCK_FILE.
      globalModule('ClockModule', [{ provide: Clock, useValue: serviceClock(config) }]),
      TypeOrmModule.forRootAsync({
        // The database was checked and migrated just before; a failure here is not worth long retries.
        useFactory: () => ({ retryAttempts: 2, retryDelay: 1000 }),
        dataSourceFactory: async () => {
          const dataSource = createDataSource({
            serverUrl: config.DATABASE_URL,
            database: descriptor.database,
            applicationName: descriptor.clientId,
            entities: [OutboxEventEntity, InboxEventEntity, AuditRecordEntity, ...asArray(def.entities)],
            migrations: [MessagingCore1764201600000, AuditTrail1795810000000, ...asArray(def.migrations)],
            poolSize: config.DATABASE_POOL_SIZE,
            preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
          });
          return dataSource.initialize();
        },
      }),
      HttpPlatformModule.forRoot({
        service: def.name,
        config,
        readinessChecks: {
          inject: [DataSource, MessagingRuntime],
          useFactory: (dataSource: DataSource, messaging: MessagingRuntime): ReadinessCheck[] => [
            { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
            { name: 'kafka', check: () => messaging.ping() },
            { name: 'consumers', check: () => messaging.consuming() },
          ],
        },
      }),
      MessagingModule.forRoot({
        inject: [MetricsRegistry, Clock],
        useFactory: (metrics: MetricsRegistry, clock: Clock) => ({
          clock,
          brokers: config.KAFKA_BROKERS,
          connection: kafkaConnectionOptions(kafkaTransportOf(config)),
          metrics,
          config: {
            service: def.name,
            groupId: descriptor.groupId,
            clientId: descriptor.clientId,
            source: descriptor.source,
            databaseUrl,
            topics: ALL_TOPICS,
            relayBatchSize: config.OUTBOX_BATCH_SIZE,
            relayPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
            retry: { maxAttempts: config.CONSUMER_MAX_ATTEMPTS, baseDelayMs: 200, maxDelayMs: 2000 },
            fromBeginning: config.KAFKA_FROM_BEGINNING,
            maxEventBytes: config.EVENT_MAX_BYTES,
          },
        }),
      }),
      AuditModule.forRoot(),
      ...def.imports(config),
    ],
  };
}

/** Creates the service's database when missing and runs its migrations under an advisory lock. */
export async function prepareDatabase<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
  config: C,
  logger: Logger,
) {
  const descriptor = effectiveDescriptor(def.name, config);
  if (await ensureDatabase(config.DATABASE_URL, descriptor.database)) {
    logger.info({ database: descriptor.database }, 'created database');
  }
  const dataSource = createDataSource({
    serverUrl: config.DATABASE_URL,
    database: descriptor.database,
    applicationName: `${descriptor.clientId}-migrations`,
    entities: [],
    migrations: [MessagingCore1764201600000, AuditTrail1795810000000, ...asArray(def.migrations)],
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const ran = await runMigrationsLocked(dataSource);
    if (ran.length) logger.info({ migrations: ran }, 'ran migrations');
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Starts a service: validated config, database and migrations, HTTP API, Kafka consumers and the
 * outbox relay. On SIGTERM or SIGINT it stops fetching, finishes handlers in flight, flushes the
 * outbox, closes Kafka and then the database, and exits 0.
 */
export async function runService<C extends ServiceConfig>(def: ServiceDefinition<C>): Promise<void> {
  const logger = createLogger(def.name);
  let config: C;
  try {
    // Each service's own port is the default; PORT in the environment wins.
    const env = { PORT: String(serviceNamed(def.name).port), ...process.env };
    config = loadConfig((def.config ?? ServiceConfig) as Type<C>, env);
    // Every connection (pool, relay session, the services' own sessions) is made from this URL.
    config.DATABASE_URL = effectiveDatabaseUrl(config);
  } catch (error) {
    logger.fatal((error as Error).message);
    process.exit(78); // EX_CONFIG
  }
  try {
    await prepareDatabase(def, config, logger);
    const app = await NestFactory.create(serviceModule(def, config), { bufferLogs: true });
    configureHttpApp(app, {
      service: def.name,
      version: def.version ?? '0.1.0',
      publicBaseUrl: publicBaseUrl(config),
      unprefixedRoutes: def.unprefixedRoutes,
    });
    app.connectMicroservice({ strategy: app.get(MessagingRuntime).server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    await app.listen(config.PORT, config.HOST);
    logger.info({ port: config.PORT, url: `http://127.0.0.1:${config.PORT}` }, `${def.name} ready`);

    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error('shutdown took longer than 30 s; exiting');
        process.exit(1);
      }, 30000);
      timer.unref();
      try {
        releaseKeepAliveConnections(app.getHttpServer() as Server);
        await app.close();
        logger.info('stopped');
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    logger.fatal({ err: error }, `${def.name} failed to start`);
    process.exit(1);
  }
}

/**
 * A closing HTTP server waits for every open connection, and a client on keep-alive that keeps
 * calling (bridging's matcher calling activity) never lets one go idle, so the stop would run into
 * the 30 s limit and exit 1. Once the stop begins, each response closes its connection, and idle
 * ones close at once.
 */
function releaseKeepAliveConnections(server: Server): void {
  server.prependListener('request', (_req, res) => res.setHeader('connection', 'close'));
  server.closeIdleConnections();
}

/** The catalogue's descriptor, with the database and group overrides of the config applied. */
function effectiveDescriptor(name: ServiceName, config: ServiceConfig) {
  const descriptor = serviceNamed(name);
  return {
    ...descriptor,
    database: config.DATABASE_NAME ?? descriptor.database,
    groupId: config.KAFKA_GROUP_ID ?? descriptor.groupId,
  };
}

function asArray<T>(value: T[] | Record<string, T> | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : Object.values(value);
}
