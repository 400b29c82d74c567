import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { KnownActivitiesRepository } from '../../../activity-catalog/known-activities.repository';
import { WaitlistEntriesRepository } from '../../../waitlist-entries/waitlist-entries.repository';
import { MatcherSignal } from '../../matcher.signal';
import type { RematchQueueCommand } from './rematch-queue.command';

/** How many queued youngsters one freed seat wakes at most: some cannot take it (tried it before, age). */
const WAKE_LIMIT = 100;

/**
 * A seat came free or an activity opened: the queued youngsters of that municipality go back to
 * the matcher, oldest first (FIFO by enteredAt). Those who do not get the seat return to the
 * queue without telling the intake system again.
 */
@Injectable()
export class RematchQueue {
  constructor(
    private readonly entries: WaitlistEntriesRepository,
    private readonly activities: KnownActivitiesRepository,
    private readonly matcher: MatcherSignal,
  ) {}

  async execute(command: RematchQueueCommand, uow: UnitOfWork): Promise<number> {
    if (command.freedSeats <= 0) return 0;
    const municipality =
      command.municipalityCode ?? (await this.activities.municipalityOf(uow.em, command.activityId));
    const woken = await this.entries.requeueForMatching(uow.em, municipality, WAKE_LIMIT);
    if (woken > 0) await this.matcher.wake(uow.em);
    return woken;
  }
}
