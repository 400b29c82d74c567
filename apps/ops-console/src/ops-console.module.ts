import { Module, type DynamicModule } from '@nestjs/common';
import { BrowserSessionModule } from '@samenspel/http';
import { noteCipherFrom } from '@samenspel/persistence';
import { OpsConfigModule } from './config/ops-config.module';
import type { OpsConsoleConfig } from './config/ops-console.config';
import { ConsoleModule } from './console/console.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { FlowsModule } from './flows/flows.module';
import { ImpactModule } from './impact/impact.module';
import { KafkaHealthModule } from './kafka-health/kafka-health.module';
import { LedgerModule } from './ledger/ledger.module';
import { OpsKafkaModule } from './shared/ops-kafka.module';
import { StoreModule } from './shared/store.module';
import { StuckFlowsModule } from './stuck-flows/stuck-flows.module';

/**
 * The operations console: flow monitor and ledger (with erasures), flow trace, dead letters,
 * stuck flows, Kafka health, impact and the web page.
 */
@Module({})
export class OpsConsoleModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    return {
      module: OpsConsoleModule,
      imports: [
        OpsConfigModule.forRoot(config),
        OpsKafkaModule.forRoot(config),
        StoreModule,
        LedgerModule.forRoot(config),
        FlowsModule,
        DeadLettersModule,
        StuckFlowsModule,
        KafkaHealthModule,
        ImpactModule,
        // People sign in to the console pages; the session cookie authenticates their API calls.
        BrowserSessionModule.forService({
          service: 'ops-console',
          config,
          cipher: noteCipherFrom(config),
          landingPath: '/',
        }),
        ConsoleModule,
      ],
    };
  }
}
