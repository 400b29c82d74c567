import { Injectable } from '@nestjs/common';
import type { IncomingMessage, UnitOfWork } from '@samenspel/messaging';
import { ErasureTracker } from '../../../erasures/erasure-tracker';
import { ImpactRepository } from '../../../impact/impact.repository';
import { LedgerIngest } from '../../ledger-ingest';
import { ImpactTally } from '../../projectors/impact-tally';
import type { RecordChunkCommand } from './record-chunk.command';

/** What recording a record did: recorded for the first time, or recorded before. */
export type LedgerOutcome = 'recorded' | 'duplicate';

/**
 * Records records of one partition in order, in the unit of work: their ledger rows in one
 * statement per run (see `runs`), each new record's projections, erasure requests and
 * confirmations as they come, then, once for them all, the erasure of any youngster among them
 * erased in the last days (as the ledger rows' statement found them, or, after a privacy record,
 * as they stand at the end), and the impact counters. Returns the outcome of each record it got to.
 */
@Injectable()
export class RecordChunk {
  constructor(
    private readonly ingest: LedgerIngest,
    private readonly erasures: ErasureTracker,
    private readonly impact: ImpactRepository,
  ) {}

  async execute(command: RecordChunkCommand, uow: UnitOfWork): Promise<LedgerOutcome[]> {
    const { em } = uow;
    const counters = new ImpactTally();
    const outcomes: LedgerOutcome[] = [];
    const recorded: string[] = [];
    const erased = new Set<string>();
    let privacyRecorded = false;
    for (const run of this.runs(command.records)) {
      if (outcomes.length > 0 && command.shouldContinue && !command.shouldContinue()) break;
      const entries = await this.ingest.recordBatch(em, command.clusterId, run, counters);
      for (const [i, entry] of entries.entries()) {
        if (entry.outcome === 'recorded') {
          privacyRecorded ||= this.erasures.handles(run[i]);
          await this.erasures.onRecorded(uow, command.clusterId, run[i]);
          if (entry.youthRef !== null) recorded.push(entry.ledgerId);
          if (entry.youthRef !== null && entry.erased) erased.add(entry.youthRef);
        }
        outcomes.push(entry.outcome);
      }
    }
    // Without a privacy record, who was erased is as their records found it: nothing changed it since.
    if (privacyRecorded) await this.erasures.eraseIfErased(em, recorded);
    else await this.erasures.eraseAgain(em, [...erased]);
    await this.impact.addCounts(em, counters.drain());
    return outcomes;
  }

  /**
   * The records in runs that each end at a privacy record, whose handling may erase a youngster:
   * the records after it are recorded after that erasure, as when recorded one by one.
   */
  private runs(messages: readonly IncomingMessage[]): IncomingMessage[][] {
    const runs: IncomingMessage[][] = [[]];
    for (const message of messages) {
      runs[runs.length - 1].push(message);
      if (this.erasures.handles(message)) runs.push([]);
    }
    return runs.filter((run) => run.length > 0);
  }
}
