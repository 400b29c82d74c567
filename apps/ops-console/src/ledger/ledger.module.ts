import { Module, type DynamicModule } from '@nestjs/common';
import type { OpsConsoleConfig } from '../config/ops-console.config';
import { ErasuresModule } from '../erasures/erasures.module';
import { FlowMonitor } from './flow-monitor';
import { LedgerIngest } from './ledger-ingest';
import { MonitorStatusController } from './monitor-status.controller';
import { RecordChunk } from './usecases/record-chunk/record-chunk.usecase';

/**
 * The flow monitor, the ledger it records every record in, and its status. It imports the
 * erasures, whose tracker handles the privacy records in the same unit of work.
 */
@Module({})
export class LedgerModule {
  static forRoot(config: OpsConsoleConfig): DynamicModule {
    return {
      module: LedgerModule,
      imports: [ErasuresModule.forRoot(config)],
      controllers: [MonitorStatusController],
      providers: [LedgerIngest, RecordChunk, FlowMonitor],
    };
  }
}
