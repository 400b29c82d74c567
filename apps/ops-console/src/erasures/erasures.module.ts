import { Module, type DynamicModule } from '@nestjs/common';
import { ErasureModule, parseRetentionPeriod } from '@samenspel/erasure';
import type { OpsConsoleConfig } from '../config/ops-console.config';
import { ConsoleEraser, ConsoleRetention } from './console-privacy';
import { ErasureTracker } from './erasure-tracker';
import { ErasuresRepository } from './erasures.repository';
import { ErasuresController } from './erasures.controller';
import { CountErasureConfirmation } from './usecases/count-erasure-confirmation/count-erasure-confirmation.usecase';
import { RecordErasureRequest } from './usecases/record-erasure-request/record-erasure-request.usecase';
import { RequestErasure } from './usecases/request-erasure/request-erasure.usecase';

/** Erasure requests and their progress, the console's own eraser and its retention sweeper. */
@Module({})
export class ErasuresModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    return {
      module: ErasuresModule,
      imports: [
        ErasureModule.forService({
          service: 'ops-console',
          eraser: ConsoleEraser,
          anonymiser: ConsoleRetention,
          policy: { ledger: parseRetentionPeriod(config.RETENTION_LEDGER) },
          sweepIntervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
          // The flow monitor hands the privacy records to the ErasureTracker.
          eventHandlers: false,
        }),
      ],
      controllers: [ErasuresController],
      providers: [
        ErasuresRepository,
        RequestErasure,
        RecordErasureRequest,
        CountErasureConfirmation,
        ErasureTracker,
      ],
      exports: [ErasureTracker],
    };
  }
}
