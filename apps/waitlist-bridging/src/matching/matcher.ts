import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { parseIsoDuration } from '@samenspel/http';
import { Outbox, UnitsOfWork, deferringPublish, unitOfWork, type UnitOfWork } from '@samenspel/messaging';
import { batchThenOneByOne, neverWaitForLocks } from '@samenspel/persistence';
import { DataSource } from 'typeorm';
import {
  ActivityCatalogPort,
  ActivityUnavailableError,
  type HoldOutcome,
  type SeatRequest,
} from '../activity-catalog/activity-catalog.port';
import { BRIDGING_CONFIG, type BridgingConfig } from '../config/bridging.config';
import { planMatch, type MatchPlan } from '../domain/matching';
import type { BridgingOffer } from '../offers/bridging-offer.entity';
import { BridgingMetrics } from '../waitlist-entries/bridging.metrics';
import type { WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';
import { RecordMatchCommand, type MatchResult } from './usecases/record-match/record-match.command';
import {
  RecordMatch,
  type MatchOutcome,
  type RecordedMatch,
} from './usecases/record-match/record-match.usecase';

/** An entry in `matching` and its offers, as the matching worker read them for its batch. */
export interface EntryWithOffers {
  entry: WaitlistEntry;
  offers: BridgingOffer[];
}

type Hold = Extract<MatchPlan, { kind: 'hold' }>;

/**
 * Matches one municipality's youngsters of a batch, oldest first, from the entries and offers
 * read for the batch (never read again before the lock).
 *
 * Order matters: the seats are held first (HTTP), outside any transaction, in one call that
 * serves the youngsters in the order given; then one transaction records the results and their
 * events. Should that transaction fail, each result is recorded in a transaction of its own, so
 * that one entry's failure holds back no other. A failed recording leaves its entry `matching`,
 * and the retry asks with the same offer id (UUIDv5 of entry and rank) as the hold's reference,
 * so the activity service returns the seat already held instead of holding another.
 */
@Injectable()
export class Matcher {
  private readonly offerTtlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly units: UnitsOfWork,
    private readonly catalog: ActivityCatalogPort,
    private readonly recordMatch: RecordMatch,
    private readonly metrics: BridgingMetrics,
    @Inject(BRIDGING_CONFIG) config: BridgingConfig,
    private readonly clock: Clock,
  ) {
    this.offerTtlMs = parseIsoDuration(config.BRIDGING_OFFER_TTL);
  }

  /**
   * Resolves, per entry, its outcome or the error that leaves it to be matched again later (the
   * activity service could not be asked, refused it, or its recording failed).
   */
  async matchInOrder(batch: readonly EntryWithOffers[]): Promise<Array<MatchOutcome | Error>> {
    const now = this.clock.now();
    const plans = batch.map(({ entry, offers }) => planMatch(entry, offers, now, this.offerTtlMs));
    const held = await this.holdSeats(batch, plans);
    const outcomes: Array<MatchOutcome | Error> = [];
    const toRecord: Array<{ at: number; command: RecordMatchCommand }> = [];
    for (const [at, plan] of plans.entries()) {
      const matched = batch[at]!.entry;
      if (plan.kind === 'skip') {
        outcomes[at] = 'skipped';
      } else if (plan.kind === 'no-match') {
        toRecord.push({ at, command: new RecordMatchCommand({ matched, result: { kind: 'no-match' } }) });
      } else {
        const answer = held.get(at)!;
        if (answer instanceof Error) outcomes[at] = answer;
        else
          toRecord.push({ at, command: new RecordMatchCommand({ matched, result: resultOf(plan, answer) }) });
      }
    }
    if (toRecord.length === 0) return outcomes;
    const recorded = await batchThenOneByOne<RecordMatchCommand, RecordedMatch | Error>(
      this.dataSource,
      toRecord.map((r) => r.command),
      {
        batch: (em, commands) => this.recordAll(unitOfWork(em, this.outbox), commands),
        committed: (results) => this.note(results),
        alone: async (command) => {
          const result = await this.units.run((uow) => this.recordMatch.execute(command, uow));
          this.note([result]);
          return result;
        },
        itemFailed: (error): RecordedMatch | Error => error as Error,
      },
    );
    for (const [k, { at }] of toRecord.entries()) {
      const result = recorded[k]!;
      outcomes[at] = result instanceof Error ? result : result.outcome;
    }
    return outcomes;
  }

  /** One call for the entries that need a seat, in their order; by the entry's place in the batch. */
  private async holdSeats(
    batch: readonly EntryWithOffers[],
    plans: readonly MatchPlan[],
  ): Promise<Map<number, HoldOutcome | Error>> {
    const asks: Array<{ at: number; request: SeatRequest }> = [];
    for (const [at, plan] of plans.entries()) {
      if (plan.kind !== 'hold') continue;
      const request: SeatRequest = {
        query: plan.query,
        youthRef: batch[at]!.entry.youthRef,
        reference: plan.offerId,
        expiresAt: plan.expiresAt.toISOString(),
      };
      asks.push({ at, request });
    }
    const held = new Map<number, HoldOutcome | Error>();
    if (asks.length === 0) return held;
    let answers: Array<HoldOutcome | Error>;
    try {
      answers = await this.catalog.holdBestAll(asks.map((a) => a.request));
    } catch (error) {
      answers = asks.map(() => error as Error);
    }
    for (const [i, { at }] of asks.entries()) {
      held.set(at, answers[i] ?? new ActivityUnavailableError('the activity service gave no answer'));
    }
    return held;
  }

  /**
   * Several entries' results in one transaction that never waits for the outbox's lock of one of
   * them (it yields, and each is recorded alone); their events are appended once, after every
   * entry is locked.
   */
  private async recordAll(
    uow: UnitOfWork,
    commands: readonly RecordMatchCommand[],
  ): Promise<RecordedMatch[]> {
    neverWaitForLocks(uow.em);
    const batch = deferringPublish(uow);
    const recorded: RecordedMatch[] = [];
    for (const command of commands) recorded.push(await this.recordMatch.execute(command, batch));
    await batch.flush();
    return recorded;
  }

  /** The time to a youngster's first offer, once the offer is committed. */
  private note(results: ReadonlyArray<RecordedMatch | Error>): void {
    for (const result of results) {
      if (result instanceof Error || !result.firstOffer) continue;
      this.metrics.firstOffer(result.firstOffer.seconds);
    }
  }
}

/** The entry's result from the activity service's answer: an offer of the seat held, or the queue. */
function resultOf(plan: Hold, answer: HoldOutcome): MatchResult {
  if (!answer.held) return { kind: 'queue' };
  return {
    kind: 'offer',
    offerId: plan.offerId,
    rank: plan.rank,
    placement: answer.held,
    activity: answer.activity,
    expiresAt: plan.expiresAt,
  };
}
