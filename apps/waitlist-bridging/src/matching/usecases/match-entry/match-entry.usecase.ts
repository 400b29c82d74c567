import { Inject, Injectable } from '@nestjs/common';
import { Outbox, type NewEvent } from '@samenspel/messaging';
import { batchThenOneByOne, neverWaitForLocks } from '@samenspel/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ActivityCatalogPort,
  ActivityUnavailableError,
  type OfferedActivity,
  type SeatRequest,
  type HoldOutcome,
  type PlacementRef,
} from '../../../activity-catalog/activity-catalog.port';
import { BRIDGING_CONFIG, type BridgingConfig } from '../../../config/bridging.config';
import { nextOfferRank } from '../../../domain/bridging-lifecycle';
import { parseIsoDuration } from '@samenspel/http';
import { offerIdFor } from '../../../domain/offer-id';
import { noMatch, offered, queued } from '../../../shared/bridging-events';
import { BridgingMetrics } from '../../../waitlist-entries/bridging.metrics';
import { BridgingOffer } from '../../../offers/bridging-offer.entity';
import { KnownActivitiesRepository } from '../../../activity-catalog/known-activities.repository';
import { OffersRepository } from '../../../offers/offers.repository';
import { WaitlistEntriesRepository } from '../../../waitlist-entries/waitlist-entries.repository';
import { MatcherSignal } from '../../matcher.signal';
import type { WaitlistEntry } from '../../../waitlist-entries/waitlist-entry.entity';

export class MatchEntryCommand {
  constructor(
    readonly waitlistEntryId: string,
    /** The entry and its offers as the matcher read them for its batch; read here when absent. */
    readonly read?: { entry: WaitlistEntry; offers: BridgingOffer[] },
  ) {}
}

export type MatchOutcome = 'offered' | 'queued' | 'no-match' | 'skipped' | 'overtaken';

/** How many ranked candidates the activity service tries before the youngster is queued. */
const CANDIDATES = 10;

/** What a match comes to, recorded for the entry. */
type MatchResult =
  | { kind: 'no-match' }
  | { kind: 'queue' }
  | {
      kind: 'offer';
      offerId: string;
      rank: number;
      placement: PlacementRef;
      candidate: OfferedActivity;
      expiresAt: string;
    };

/** A youngster's first offer, for the time-to-first-offer metric once it is committed. */
interface FirstOffer {
  municipalityCode: string;
  seconds: number;
}

/** What matching an entry takes, decided from the entry and its offers as read. */
type Plan =
  | { kind: 'skip' }
  | { kind: 'no-match'; entry: WaitlistEntry }
  | {
      kind: 'hold';
      entry: WaitlistEntry;
      offerId: string;
      rank: number;
      expiresAt: string;
      request: SeatRequest;
    };

/**
 * Finds the best free seat for an entry in `matching`, holds it and records the offer.
 *
 * The activity service ranks the candidates and holds the best free seat (`holdBestAll`),
 * excluding every activity this youngster was offered before.
 * Order matters: the hold (HTTP) comes first, outside any transaction; then one transaction
 * records the offer and its `offered` event. If that transaction fails, the entry is still
 * `matching` and the retry uses the same offer id (UUIDv5 of entry and rank) as the hold's
 * reference, so the activity service returns the seat already held instead of holding another.
 */
@Injectable()
export class MatchEntry {
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly catalog: ActivityCatalogPort,
    private readonly metrics: BridgingMetrics,
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    private readonly activities: KnownActivitiesRepository,
    private readonly matcher: MatcherSignal,
    @Inject(BRIDGING_CONFIG) config: BridgingConfig,
  ) {
    this.ttlMs = parseIsoDuration(config.BRIDGING_OFFER_TTL);
  }

  /**
   * Matches youngsters of one municipality, oldest first: one call holds their seats in that order
   * (`holdBestAll`), and one transaction records the results. Should that transaction fail, each
   * result is recorded in a transaction of its own, so that one entry's failure holds back no
   * other. Resolves, per command, its outcome or the error that leaves its entry to be matched
   * again later.
   */
  async executeAll(commands: readonly MatchEntryCommand[]): Promise<Array<MatchOutcome | Error>> {
    const plans: Plan[] = [];
    for (const command of commands) plans.push(await this.plan(command));
    const holds = plans.filter((plan) => plan.kind === 'hold');
    let held: Array<HoldOutcome | Error> = [];
    if (holds.length > 0) {
      try {
        held = await this.catalog.holdBestAll(holds.map((plan) => plan.request));
      } catch (error) {
        held = holds.map(() => error as Error);
      }
    }
    const outcomes: Array<MatchOutcome | Error> = [];
    const toRecord: Array<{ at: number; entry: WaitlistEntry; result: MatchResult }> = [];
    let next = 0;
    for (const [at, plan] of plans.entries()) {
      if (plan.kind === 'skip') {
        outcomes[at] = 'skipped';
      } else if (plan.kind === 'no-match') {
        toRecord.push({ at, entry: plan.entry, result: { kind: 'no-match' } });
      } else {
        const answer = held[next++] ?? new ActivityUnavailableError('the activity service gave no answer');
        if (answer instanceof Error) outcomes[at] = answer;
        else toRecord.push({ at, entry: plan.entry, result: resultOf(plan, answer) });
      }
    }
    if (toRecord.length === 0) return outcomes;
    const firstOffers: FirstOffer[] = [];
    const recorded = await batchThenOneByOne(this.dataSource, toRecord, {
      batch: (em, items) => this.recordAll(em, items, firstOffers),
      committed: () => this.note(firstOffers),
      alone: ({ entry, result }) => this.finish(entry, result),
      itemFailed: (error): MatchOutcome | Error => error as Error,
    });
    for (const [k, { at }] of toRecord.entries()) outcomes[at] = recorded[k]!;
    return outcomes;
  }

  /** The results of several entries in the caller's transaction, their events appended once. */
  private async recordAll(
    em: EntityManager,
    toRecord: ReadonlyArray<{ entry: WaitlistEntry; result: MatchResult }>,
    firstOffers: FirstOffer[],
  ): Promise<MatchOutcome[]> {
    // Several youngsters' events: appended once, after every entry is locked, and never
    // waiting for the outbox's lock of one of them (it yields, and each is recorded alone).
    neverWaitForLocks(em);
    const events: NewEvent[] = [];
    const done: MatchOutcome[] = [];
    for (const { entry, result } of toRecord) {
      done.push(await this.record(em, entry, result, firstOffers, events));
    }
    await this.outbox.append(em, events);
    return done;
  }

  private async plan(command: MatchEntryCommand): Promise<Plan> {
    const em = this.dataSource.manager;
    const entry = command.read?.entry ?? (await this.entries.find(em, command.waitlistEntryId));
    if (!entry || entry.status !== 'matching') return { kind: 'skip' };
    const offers = command.read?.offers ?? (await this.offers.ofEntry(em, entry.waitlistEntryId));
    const rank = nextOfferRank(offers.length);
    if (rank === undefined) return { kind: 'no-match', entry };

    const offerId = offerIdFor(entry.waitlistEntryId, rank);
    // Never the same activity twice: the activity service ranks without these and never holds in them.
    const tried = [...new Set(offers.map((o) => o.activityId))];
    const expiresAt = new Date(Date.now() + this.ttlMs).toISOString();
    const request: SeatRequest = {
      query: {
        ageYears: entry.ageYears,
        postcode4: entry.postcode4,
        municipalityCode: entry.municipalityCode,
        interests: entry.interests,
        ...(tried.length > 0 && { excludeActivityIds: tried }),
        limit: CANDIDATES,
      },
      youthRef: entry.youthRef,
      reference: offerId,
      expiresAt,
    };
    return { kind: 'hold', entry, offerId, rank, expiresAt, request };
  }

  /**
   * Records the result for the entry as read before the match (`matched`), in one transaction
   * with the entry locked. What changed since is decided as an `updated` event would have decided
   * it had it come right after the offer: a youngster who moved to another municipality does not
   * get a seat in the old one (the seat is given back and the entry is matched again there), any
   * other change leaves the offer standing.
   */
  private async finish(matched: WaitlistEntry, result: MatchResult): Promise<MatchOutcome> {
    const firstOffers: FirstOffer[] = [];
    const outcome = await this.dataSource.transaction((em) => this.record(em, matched, result, firstOffers));
    this.note(firstOffers);
    return outcome;
  }

  private note(firstOffers: FirstOffer[]): void {
    for (const { municipalityCode, seconds } of firstOffers) {
      this.metrics.firstOffer(municipalityCode, seconds);
    }
  }

  /**
   * `finish` in the caller's transaction; a youngster's first offer is added to `firstOffers`. With
   * `events`, its event is added there for the caller to append.
   */
  private async record(
    em: EntityManager,
    matched: WaitlistEntry,
    result: MatchResult,
    firstOffers: FirstOffer[],
    events?: NewEvent[],
  ): Promise<MatchOutcome> {
    const waitlistEntryId = matched.waitlistEntryId;
    const publish = async (these: NewEvent[]) => {
      if (events) events.push(...these);
      else await this.outbox.append(em, these);
    };
    const entry = await this.entries.lock(em, waitlistEntryId);
    if (!entry) return 'skipped';
    const stillMatching = entry.status === 'matching';
    const moved = entry.municipalityCode !== matched.municipalityCode;
    if (result.kind === 'no-match') {
      if (!stillMatching) return 'overtaken';
      entry.status = 'no-match';
      await this.entries.save(em, entry);
      await publish([noMatch(entry, 'offers-exhausted')]);
      return 'no-match';
    }
    if (result.kind === 'queue') {
      // No seat where the youngster was; where they are now is the next pass's to look at.
      if (!stillMatching || moved) return 'overtaken';
      entry.status = 'queued';
      const tell = !entry.queuedNotified;
      entry.queuedNotified = true;
      await this.entries.save(em, entry);
      if (tell) await publish([queued(entry)]);
      return 'queued';
    }
    const { placement, candidate } = result;
    // The placement is the truth about the seat (a retried hold returns that of the first try).
    const activityId = placement.activityId ?? candidate.activityId;
    const sameActivity = activityId === candidate.activityId;
    const offer = Object.assign(new BridgingOffer(), {
      offerId: result.offerId,
      waitlistEntryId,
      rank: result.rank,
      activityId,
      teamId: placement.teamId ?? candidate.teamId,
      activityTitle: sameActivity ? candidate.title : await this.activities.titleOf(em, activityId),
      placementId: placement.placementId,
      status: 'open',
      expiresAt: new Date(placement.expiresAt ?? result.expiresAt),
      offeredAt: new Date(),
      decidedAt: null,
      reason: null,
      releasePending: false,
    } satisfies BridgingOffer);
    if (!stillMatching || moved) {
      // The youngster exited, moved or lost consent while we held the seat: give it back. One who
      // moved is still `matching` and is matched again in the new municipality.
      Object.assign(offer, {
        status: 'withdrawn',
        reason: stillMatching ? 'profile-changed' : 'overtaken',
        decidedAt: new Date(),
        releasePending: true,
      });
      await this.offers.insert(em, offer);
      await this.matcher.wake(em);
      return 'overtaken';
    }
    if (!(await this.offers.insert(em, offer))) return 'overtaken';
    entry.status = 'offered';
    entry.queuedNotified = false;
    entry.nextMatchAt = null;
    if (!entry.firstOfferedAt) {
      entry.firstOfferedAt = offer.offeredAt;
      firstOffers.push({
        municipalityCode: entry.municipalityCode,
        seconds: Math.max(0, (offer.offeredAt.getTime() - entry.enteredAt.getTime()) / 1000),
      });
    }
    await this.entries.save(em, entry);
    await publish([offered(entry, offer)]);
    return 'offered';
  }
}

/** The entry's result from the activity service's answer: an offer of the seat held, or the queue. */
function resultOf(plan: Extract<Plan, { kind: 'hold' }>, answer: HoldOutcome): MatchResult {
  if (!answer.held) return { kind: 'queue' };
  return {
    kind: 'offer',
    offerId: plan.offerId,
    rank: plan.rank,
    placement: answer.held,
    candidate: answer.activity,
    expiresAt: plan.expiresAt,
  };
}
