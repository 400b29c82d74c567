import { Injectable } from '@nestjs/common';
import { oncePerTransaction } from '@samenspel/persistence';
import type { EntityManager } from 'typeorm';

/** Wakes the matcher when the transaction that gave it work commits (LISTEN/NOTIFY). */
export const MATCH_CHANNEL = 'samenspel_bridging_match';

/** Whether the transaction has yet to wake the matcher. */
const firstSignal = oncePerTransaction();

/** Tells the matcher there is work: entries to match, seats to release. */
@Injectable()
export class MatcherSignal {
  /**
   * Wakes the matcher when the transaction commits, so it never looks before the work is visible.
   * Once per transaction: a batch of `entered` events is one transaction, and the matcher takes
   * every ready entry when it wakes.
   */
  async wake(em: EntityManager): Promise<void> {
    if (!firstSignal(em)) return;
    await em.query(`SELECT pg_notify($1, '')`, [MATCH_CHANNEL]);
  }
}
