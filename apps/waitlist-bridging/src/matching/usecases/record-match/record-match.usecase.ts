import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { Clock } from '@samenspel/clock';
import { KnownActivitiesRepository } from '../../../activity-catalog/known-activities.repository';
import { settleMatch, type MatchFound } from '../../../domain/matching';
import { BridgingOffer } from '../../../offers/bridging-offer.entity';
import { OffersRepository } from '../../../offers/offers.repository';
import { noMatch, offered, queued } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../../waitlist-entries/waitlist-entries.repository';
import { MatcherSignal } from '../../matcher.signal';
import type { MatchResult, RecordMatchCommand } from './record-match.command';

export type MatchOutcome = 'offered' | 'queued' | 'no-match' | 'skipped' | 'overtaken';

/** What was recorded; a youngster's first offer carries what the time-to-first-offer measure needs. */
export interface RecordedMatch {
  outcome: MatchOutcome;
  firstOffer?: { seconds: number };
}

const FOUND: Record<MatchResult['kind'], MatchFound> = {
  'no-match': 'no-match',
  queue: 'no-seat',
  offer: 'seat',
};

/**
 * Records what a match found for an entry, with the entry locked: it is read again once, under
 * the lock, and what changed since the matcher read it is settled by `settleMatch` (the offer
 * made, the seat given back, or nothing). Several entries recorded in one transaction publish
 * through `deferringPublish`, so that their events are appended after every entry is locked.
 */
@Injectable()
export class RecordMatch {
  constructor(
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    private readonly activities: KnownActivitiesRepository,
    private readonly matcher: MatcherSignal,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordMatchCommand, uow: UnitOfWork): Promise<RecordedMatch> {
    const { matched, result } = command;
    const entry = await this.entries.lock(uow.em, matched.waitlistEntryId);
    if (!entry) return { outcome: 'skipped' };
    const settlement = settleMatch(matched, entry, FOUND[result.kind]);
    if (settlement.kind === 'overtaken') return { outcome: 'overtaken' };
    if (settlement.kind === 'no-match') {
      entry.status = 'no-match';
      await this.entries.save(uow.em, entry);
      await uow.publish(noMatch(entry, 'offers-exhausted'));
      return { outcome: 'no-match' };
    }
    if (settlement.kind === 'queue') {
      entry.status = 'queued';
      entry.queuedNotified = true;
      await this.entries.save(uow.em, entry);
      if (settlement.tell) await uow.publish(queued(entry));
      return { outcome: 'queued' };
    }
    // Only a seat held settles as an offer or a give-back.
    if (result.kind !== 'offer') throw new Error(`a ${result.kind} cannot settle as ${settlement.kind}`);
    const { placement, activity } = result;
    // The placement is the truth about the seat (a retried hold returns that of the first try).
    const activityId = placement.activityId ?? activity.activityId;
    const offer = Object.assign(new BridgingOffer(), {
      offerId: result.offerId,
      waitlistEntryId: entry.waitlistEntryId,
      rank: result.rank,
      activityId,
      teamId: placement.teamId ?? activity.teamId,
      activityTitle:
        activityId === activity.activityId
          ? activity.title
          : await this.activities.titleOf(uow.em, activityId),
      placementId: placement.placementId,
      status: 'open',
      expiresAt: placement.expiresAt !== undefined ? new Date(placement.expiresAt) : result.expiresAt,
      offeredAt: this.clock.now(),
      decidedAt: null,
      reason: null,
      releasePending: false,
    } satisfies BridgingOffer);
    if (settlement.kind === 'give-back') {
      Object.assign(offer, {
        status: 'withdrawn',
        reason: settlement.reason,
        decidedAt: this.clock.now(),
        releasePending: true,
      });
      await this.offers.insert(uow.em, offer);
      await this.matcher.wake(uow.em);
      return { outcome: 'overtaken' };
    }
    if (!(await this.offers.insert(uow.em, offer))) return { outcome: 'overtaken' };
    entry.status = 'offered';
    entry.queuedNotified = false;
    entry.nextMatchAt = null;
    let firstOffer: RecordedMatch['firstOffer'];
    if (!entry.firstOfferedAt) {
      entry.firstOfferedAt = offer.offeredAt;
      firstOffer = { seconds: Math.max(0, (offer.offeredAt.getTime() - entry.enteredAt.getTime()) / 1000) };
    }
    await this.entries.save(uow.em, entry);
    await uow.publish(offered(entry, offer));
    return { outcome: 'offered', ...(firstOffer && { firstOffer }) };
  }
}
