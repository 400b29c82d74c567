import { globalModule } from '@samenspel/bootstrap';
import { DeadLettersRepository } from '../dead-letters/dead-letters.repository';
import { FlowsRepository } from '../flows/flows.repository';
import { ImpactRepository } from '../impact/impact.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { StuckFlowsRepository } from '../stuck-flows/stuck-flows.repository';

/** The repositories the features share: the ledger writes what the others read. */
export const StoreModule = globalModule('StoreModule', [
  LedgerRepository,
  FlowsRepository,
  DeadLettersRepository,
  StuckFlowsRepository,
  ImpactRepository,
]);
