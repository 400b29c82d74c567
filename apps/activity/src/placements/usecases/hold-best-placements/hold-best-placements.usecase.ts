import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@samenspel/contracts';
import { SERVICE_LOGGER } from '@samenspel/http';
import { Outbox, type NewEvent } from '@samenspel/messaging';
import { batchThenOneByOne, LockYield, neverWaitForLocks } from '@samenspel/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { HoldBestPlacementCommand } from '../hold-best-placement/hold-best-placement.command';
import { HoldBestPlacement, type HoldBestResult } from '../hold-best-placement/hold-best-placement.usecase';

/** What one youngster of a batch got: a seat or none, or the refusal a single call would have answered. */
export type HoldBestBatchResult = HoldBestResult | { refused: DomainError };

/** The most youngsters one batch may name. */
export const MAX_BATCH = 50;

/**
 * Holds the best free seat for each youngster of a batch, in the order given, as `HoldBestPlacement`
 * would one call at a time: the same ranking, the same capacity check with the activity row locked,
 * the same idempotency on each reference. The order is the caller's first come, first served: a
 * youngster earlier in the batch is never beaten to a seat by one later in it.
 *
 * The whole batch is one transaction, so its seats, placements and events commit together. A
 * youngster refused (e.g. a reference of another youngster's) is answered as a single call would
 * be, and the others are held. A statement that fails takes the transaction with it (a reference
 * that a concurrent call took, two batches deadlocked on their activities): nothing of the batch
 * was committed, and it is done again one youngster at a time, each in transactions of its own.
 *
 * Locks: the events are appended once, after every activity row the batch locks, and the batch
 * never waits for the outbox's per-youngster locks while it holds rows (`neverWaitForLocks`): a
 * lock held elsewhere makes it yield, and it is done one youngster at a time as above. A single
 * hold or release, which takes its row and then that lock, can therefore never deadlock with it.
 */
@Injectable()
export class HoldBestPlacements {
  constructor(
    private readonly dataSource: DataSource,
    private readonly holdBest: HoldBestPlacement,
    private readonly outbox: Outbox,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  execute(commands: readonly HoldBestPlacementCommand[]): Promise<HoldBestBatchResult[]> {
    return batchThenOneByOne(this.dataSource, commands, {
      batch: async (em, commands) => {
        neverWaitForLocks(em);
        const events: NewEvent[] = [];
        const results: HoldBestBatchResult[] = [];
        for (const command of commands) {
          try {
            results.push(await this.holdBest.executeIn(em, command, events));
          } catch (error) {
            results.push(refusal(error));
          }
        }
        await this.outbox.append(em, events);
        return results;
      },
      failed: (error) => {
        // Yielding to a lock held elsewhere is routine under load; anything else is worth a warning.
        this.logger[error instanceof LockYield ? 'debug' : 'warn'](
          { err: error, youngsters: commands.length },
          'a batch of holds failed as a whole; holding its youngsters one at a time',
        );
      },
      alone: (command) => this.holdBest.execute(command),
      itemFailed: refusal,
    });
  }
}

/** A refusal, answered as a single call would answer it; any other error is thrown on. */
function refusal(error: unknown): { refused: DomainError } {
  if (!(error instanceof DomainError)) throw error;
  return { refused: error };
}
