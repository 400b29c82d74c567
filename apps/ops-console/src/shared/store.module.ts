import { Global, Module } from '@nestjs/common';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { FlowsRepository } from '../flows/flows.repository';
import { ImpactRepository } from '../impact/impact.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { StuckFlowsRepository } from '../stuck-flows/stuck-flows.repository';

/** The repositories the features share: the ledger writes what the others read. */
@Global()
@Module({
  providers: [
    LedgerRepository,
    FlowsRepository,
    DeadLetterRepository,
    StuckFlowsRepository,
    ImpactRepository,
  ],
  exports: [LedgerRepository, FlowsRepository, DeadLetterRepository, StuckFlowsRepository, ImpactRepository],
})
export class StoreModule {}
