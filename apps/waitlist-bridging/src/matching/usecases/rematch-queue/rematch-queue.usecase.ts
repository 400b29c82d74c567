import { Injectable } from '@nestjs/common';
import { BridgingRepository } from '../../../shared/bridging.repository';
import type { Tx } from '../../../shared/transaction';

export class RematchQueueCommand {
  constructor(
    readonly freedSeats: number,
    readonly activityId: string,
    /** Known from activity events; otherwise looked up among the activities we heard of. */
    readonly municipalityCode?: string,
  ) {}
}

/** How many queued youngsters one freed seat wakes at most: some cannot take it (tried it before, age). */
const WAKE_LIMIT = 100;

/**
 * A seat came free or an activity opened: the queued youngsters of that municipality go back to
 * the matcher, oldest first (FIFO by enteredAt). Those who do not get the seat return to the
 * queue without telling the intake system again.
 */
@Injectable()
export class RematchQueue {
  async execute(command: RematchQueueCommand, tx: Tx): Promise<number> {
    if (command.freedSeats <= 0) return 0;
    const repo = BridgingRepository.in(tx.em);
    const municipality = command.municipalityCode ?? (await repo.municipalityOfActivity(command.activityId));
    const woken = await repo.requeueForMatching(municipality, WAKE_LIMIT);
    if (woken > 0) await repo.signalMatcher();
    return woken;
  }
}
