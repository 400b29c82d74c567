import { AuditTrail } from '@samenspel/audit';
import { samenspelContracts } from '@samenspel/contracts';
import { YouthErasure } from '@samenspel/erasure';
import { Outbox, UnitsOfWork } from '@samenspel/messaging';
import { createLogger } from '@samenspel/observability';
import type { DataSource } from 'typeorm';
import { DeadLettersRepository } from '../src/dead-letters/dead-letters.repository';
import { ConsoleEraser } from '../src/erasures/console-privacy';
import { ErasureTracker } from '../src/erasures/erasure-tracker';
import { ErasuresRepository } from '../src/erasures/erasures.repository';
import { CountErasureConfirmation } from '../src/erasures/usecases/count-erasure-confirmation/count-erasure-confirmation.usecase';
import { RecordErasureRequest } from '../src/erasures/usecases/record-erasure-request/record-erasure-request.usecase';
import { ImpactRepository } from '../src/impact/impact.repository';
import { LedgerIngest } from '../src/ledger/ledger-ingest';
import { LedgerRepository } from '../src/ledger/ledger.repository';
import { StuckFlowsRepository } from '../src/stuck-flows/stuck-flows.repository';
import { RecordChunk } from '../src/ledger/usecases/record-chunk/record-chunk.usecase';

/** The ledger's RecordChunk wired as in the console, on a test database, and how to open its units of work. */
export function ledgerOn(dataSource: DataSource): {
  recordChunk: RecordChunk;
  units: UnitsOfWork;
  outbox: Outbox;
} {
  const source = 'urn:samenspel:ops-console';
  const eraser = new ConsoleEraser();
  const quiet = createLogger('ops-ledger-test', 'silent');
  const outbox = new Outbox(source, samenspelContracts());
  const ledger = new LedgerRepository();
  const impact = new ImpactRepository();
  const requests = new ErasuresRepository();
  const tracker = new ErasureTracker(
    new RecordErasureRequest(
      new YouthErasure(eraser, new AuditTrail(dataSource), 'ops-console', quiet),
      requests,
      source,
    ),
    new CountErasureConfirmation(eraser, requests, source),
    eraser,
    ledger,
  );
  return {
    recordChunk: new RecordChunk(
      new LedgerIngest(ledger, new DeadLettersRepository(), new StuckFlowsRepository(), impact),
      tracker,
      impact,
    ),
    units: new UnitsOfWork(dataSource, outbox),
    outbox,
  };
}
