import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import type { Clock } from '@samenspel/clock';
import { samenspelContracts, type ContractRegistry } from '@samenspel/contracts';
import { createLogger } from '@samenspel/observability';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { KafkaConnectionOptions } from '../broker/kafka-transport';
import { KafkaJsBroker } from '../broker/kafkajs-broker';
import { MessagingRuntime, type MessagingConfig } from '../messaging-runtime';
import { Outbox } from '../outbox/outbox';
import { UnitsOfWork } from '../unit-of-work';

export interface MessagingModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => {
    config: MessagingConfig;
    brokers: string[];
    /** TLS and SASL to the brokers (kafkaConnectionOptions); none by default. */
    connection?: KafkaConnectionOptions;
    metrics?: Registry;
    /** Defaults to every Samenspel contract. */
    contracts?: ContractRegistry;
    /** Stamps the events' `time`; the system clock by default. */
    clock?: Clock;
  };
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

@Injectable()
class MessagingShutdown implements BeforeApplicationShutdown {
  constructor(private readonly runtime: MessagingRuntime) {}

  /** Runs before the HTTP server and the database close: consumers stop, the outbox is flushed. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.shutdown();
  }
}

/**
 * Wires the messaging core into a service: inject `UnitsOfWork` to open a transaction with the
 * outbox's publish in it (HTTP entry points; event handlers are given theirs), and pass
 * `MessagingRuntime.server` to `app.connectMicroservice({ strategy })` to consume.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: MessagingRuntime,
          inject: [MESSAGING_OPTIONS, DataSource],
          useFactory: async (
            opts: ReturnType<MessagingModuleOptions['useFactory']>,
            dataSource: DataSource,
          ) => {
            const logger = createLogger(opts.config.service).child({ component: 'messaging' });
            const runtime = new MessagingRuntime(
              opts.config,
              new KafkaJsBroker(opts.brokers, logger, opts.connection),
              dataSource,
              opts.contracts ?? samenspelContracts(),
              logger,
              opts.metrics,
              opts.clock,
            );
            await runtime.start();
            return runtime;
          },
        },
        {
          provide: Outbox,
          inject: [MessagingRuntime],
          useFactory: (runtime: MessagingRuntime) => runtime.outbox,
        },
        {
          provide: UnitsOfWork,
          inject: [DataSource, Outbox],
          useFactory: (dataSource: DataSource, outbox: Outbox) => new UnitsOfWork(dataSource, outbox),
        },
        MessagingShutdown,
      ],
      exports: [MessagingRuntime, Outbox, UnitsOfWork],
    };
  }
}
