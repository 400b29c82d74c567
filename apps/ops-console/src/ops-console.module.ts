import { Module, type DynamicModule } from '@nestjs/common';
import { kafkaTransportOf } from '@samenspel/bootstrap';
import { SERVICE_LOGGER } from '@samenspel/http';
import { kafkaConnectionOptions, KafkaJsBroker } from '@samenspel/messaging';
import { NoteCipher, noteCipherFrom } from '@samenspel/persistence';
import type { Logger } from 'pino';
import type { OpsConsoleConfig } from './config/ops-console.config';
import { ConsoleController } from './console/console.controller';
import { DeadLetterCopySweeper } from './dead-letters/dead-letter-copy-sweeper';
import { ErasuresModule } from './erasures/erasures.module';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { ReplayDeadLetters } from './dead-letters/usecases/replay-dead-letters/replay-dead-letters.usecase';
import { ResolveDeadLetter } from './dead-letters/usecases/resolve-dead-letter/resolve-dead-letter.usecase';
import { FlowsController } from './flows/flows.controller';
import { ImpactController } from './impact/impact.controller';
import { KafkaHealthController } from './kafka-health/kafka-health.controller';
import { KafkaHealthService } from './kafka-health/kafka-health.service';
import { FlowMonitor } from './ledger/flow-monitor';
import { LedgerIngest } from './ledger/ledger-ingest';
import { MonitorStatusController } from './ledger/monitor-status.controller';
import { RecordChunk } from './ledger/usecases/record-chunk/record-chunk.usecase';
import { OpsKafka } from './shared/ops-kafka';
import { StoreModule } from './shared/store.module';
import { OPS_SETTINGS, opsSettings } from './config/ops-settings';
import { StuckFlowsController } from './stuck-flows/stuck-flows.controller';
import { StuckFlowsMetrics } from './stuck-flows/stuck-flows.metrics';
import { ListStuckFlows } from './stuck-flows/usecases/list-stuck-flows/list-stuck-flows.usecase';
import { CountFlows } from './flows/usecases/count-flows/count-flows.usecase';
import { TraceFlow } from './flows/usecases/trace-flow/trace-flow.usecase';
import { ReportImpact } from './impact/usecases/report-impact/report-impact.usecase';

/** The operations console: flow monitor, flow trace, dead letters, stuck flows, Kafka health, impact and the web page. */
@Module({})
export class OpsConsoleModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    const settings = opsSettings(config);
    return {
      module: OpsConsoleModule,
      imports: [StoreModule, ErasuresModule.forRoot(config)],
      controllers: [
        MonitorStatusController,
        FlowsController,
        DeadLettersController,
        StuckFlowsController,
        KafkaHealthController,
        ImpactController,
        ConsoleController,
      ],
      providers: [
        { provide: OPS_SETTINGS, useValue: settings },
        { provide: NoteCipher, useFactory: () => noteCipherFrom(config) },
        {
          provide: OpsKafka,
          inject: [SERVICE_LOGGER],
          useFactory: (logger: Logger) =>
            new OpsKafka(
              new KafkaJsBroker(
                config.KAFKA_BROKERS,
                logger.child({ component: 'ops-kafka' }),
                kafkaConnectionOptions(kafkaTransportOf(config)),
              ),
              settings.clientId,
            ),
        },
        LedgerIngest,
        RecordChunk,
        FlowMonitor,
        KafkaHealthService,
        ListStuckFlows,
        StuckFlowsMetrics,
        TraceFlow,
        CountFlows,
        ReportImpact,
        DeadLetterCopySweeper,
        ReplayDeadLetters,
        ResolveDeadLetter,
      ],
    };
  }
}
