import { Inject, Injectable } from '@nestjs/common';
import {
  ActivityNotFound,
  ActivityNotOpen,
  AlreadyPlaced,
  DomainError,
  NoCapacity,
  ReferenceConflict,
} from '@samenspel/contracts';
import { Clock } from '@samenspel/clock';
import { parseIsoDuration, SERVICE_LOGGER, type Principal } from '@samenspel/http';
import { deferringPublish, Outbox, unitOfWork, UnitsOfWork, type UnitOfWork } from '@samenspel/messaging';
import { batchThenOneByOne, LockYield, neverWaitForLocks } from '@samenspel/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import { ACTIVITY_CONFIG, type ActivityConfig } from '../../../config/activity.config';
import { holdExpiry } from '../../../domain/hold-expiry';
import type { RankedCandidate } from '../../../domain/ranking';
import { assertActsForTeam, ownTeamOf } from '../../../domain/team-scope';
import { FindCandidatesCommand } from '../../../matching/usecases/find-candidates/find-candidates.command';
import { FindCandidates } from '../../../matching/usecases/find-candidates/find-candidates.usecase';
import type { Placement } from '../../placement.entity';
import { PlacementsRepository } from '../../placements.repository';
import { runHold } from '../../run-hold';
import { HoldPlacementCommand } from '../hold-placement/hold-placement.command';
import { HoldPlacement, type PlacementHold } from '../hold-placement/hold-placement.usecase';
import type { BestSeatRequest, HoldBestSeatsCommand } from './hold-best-seats.command';

/** The most youngsters one batch may name. */
export const MAX_BATCH = 50;

/** The activity a seat was held in: what a caller needs to make an offer of it. */
export interface SeatActivity {
  activityId: string;
  teamId: string;
  title: string;
}

/** The seat a youngster got (new, or the one its reference holds already), or none free. */
export type BestSeatHold =
  | {
      placement: Placement;
      activity: SeatActivity;
      /** The ranked candidate the seat was taken in; null when the reference was seen before. */
      candidate: RankedCandidate | null;
      /** False when the reference was seen before and the earlier placement is returned. */
      created: boolean;
    }
  | { placement: null };

/** What one youngster is answered: a seat or none, or the refusal a single call would have had. */
export type BestSeatOrRefusal = BestSeatHold | { refused: DomainError };

/** Refusals of one candidate that mean: another youngster was faster, try the next one. */
const NEXT_CANDIDATE = [NoCapacity, ActivityNotOpen, AlreadyPlaced, ActivityNotFound];

/** Where a youngster's steps run: all in the batch's unit of work, or each in one of its own. */
type Steps = <T>(step: (uow: UnitOfWork) => Promise<T>) => Promise<T>;

/**
 * Holds the best free seat for each youngster, in the order given: ranks the candidates (as
 * `POST /matching/candidates`) and holds a seat in the best one that still has room, with the
 * ordinary hold, so capacity is kept exactly as for `POST /placements`. The order is the caller's
 * first come, first served: a youngster earlier in the batch is never beaten to a seat by one later
 * in it. `POST /placements/hold-best` is the batch of one.
 *
 * Idempotent on each reference: a reference seen before returns its placement, whatever the
 * activity's seats are now, and is never answered with a second seat. The hold finds the reference
 * on the first candidate tried; a candidate list without that seat's activity ends in a lookup of
 * the reference before answering "no seat".
 *
 * Transactions: unlike other use cases this one opens its own, because a batch that fails as a
 * whole is done again one youngster at a time (`batchThenOneByOne`). First every youngster in one
 * unit of work, so its seats, placements and events commit together; a youngster refused (a
 * reference of another youngster's, say) is answered as a single call would be, and the others are
 * held. A statement that fails takes the transaction with it (a reference that a concurrent call
 * took, two batches deadlocked on their activities): nothing of the batch was committed, and each
 * youngster is done again with each step (the ranking, each candidate's hold, a lookup of the
 * reference) in a unit of work of its own, so that it never holds one activity's row while it
 * waits for another's.
 *
 * Locks: the batch appends its events once, after every activity row it locks, and never waits for
 * the outbox's per-youngster locks while it holds rows (`neverWaitForLocks`): a lock held elsewhere
 * makes it yield, and it is done one youngster at a time as above. A single hold or release, which
 * takes its row and then that lock, can therefore never deadlock with it.
 */
@Injectable()
export class HoldBestSeats {
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly units: UnitsOfWork,
    private readonly findCandidates: FindCandidates,
    private readonly holdPlacement: HoldPlacement,
    private readonly placements: PlacementsRepository,
    private readonly activities: ActivitiesRepository,
    @Inject(ACTIVITY_CONFIG) config: ActivityConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.ttlMs = parseIsoDuration(config.PLACEMENT_HOLD_TTL);
  }

  execute({ principal, youngsters }: HoldBestSeatsCommand): Promise<BestSeatOrRefusal[]> {
    return batchThenOneByOne(this.dataSource, youngsters, {
      batch: async (em, youngsters) => {
        neverWaitForLocks(em);
        const uow = deferringPublish(unitOfWork(em, this.outbox));
        const results: BestSeatOrRefusal[] = [];
        for (const youngster of youngsters) {
          try {
            results.push(await this.holdBest(principal, youngster, (step) => step(uow)));
          } catch (error) {
            results.push(refusal(error));
          }
        }
        await uow.flush();
        return results;
      },
      failed: (error) => {
        // Yielding to a lock held elsewhere is routine under load; anything else is worth a warning.
        this.logger[error instanceof LockYield ? 'debug' : 'warn'](
          { err: error, youngsters: youngsters.length },
          'a batch of holds failed as a whole; holding its youngsters one at a time',
        );
      },
      alone: (youngster) => this.holdBest(principal, youngster, (step) => runHold(this.units, step)),
      itemFailed: refusal,
    });
  }

  private async holdBest(
    principal: Principal,
    youngster: BestSeatRequest,
    steps: Steps,
  ): Promise<BestSeatHold> {
    const { youthRef, reference } = youngster;
    const expiresAt = holdExpiry(youngster.expiresAt, this.ttlMs, this.clock.now().getTime());
    // A team role holds seats of its own team only.
    const ranking = new FindCandidatesCommand({ ...youngster.query, teamId: ownTeamOf(principal) });
    const candidates = await steps((uow) => this.findCandidates.execute(ranking, uow));
    // A reference seen before is found by the hold itself (it looks the reference up with the
    // activity locked), so the common first call costs no lookup of its own.
    for (const candidate of candidates) {
      const hold = new HoldPlacementCommand({
        principal,
        activityId: candidate.activityId,
        youthRef,
        reference,
        expiresAt,
      });
      let held: PlacementHold;
      try {
        held = await steps((uow) => this.holdPlacement.execute(hold, uow));
      } catch (error) {
        if (NEXT_CANDIDATE.some((refusal) => error instanceof refusal)) continue;
        // A concurrent request with this reference held a seat on another activity first.
        if (error instanceof ReferenceConflict) {
          const concurrent = await steps((uow) => this.replayReference(uow, principal, youngster));
          if (concurrent) return concurrent;
        }
        throw error;
      }
      if (!held.created) return steps((uow) => this.replay(uow, held.placement, principal, youngster));
      return {
        placement: held.placement,
        activity: { activityId: candidate.activityId, teamId: candidate.teamId, title: candidate.title },
        candidate,
        created: true,
      };
    }
    // No candidate took it. A retry whose earlier seat is in an activity that is full now, or no
    // longer a candidate, still gets that seat, never a "no seat".
    const earlier = await steps((uow) => this.replayReference(uow, principal, youngster));
    return earlier ?? { placement: null };
  }

  /** The placement an earlier request with this reference made, if any, as `replay` answers it. */
  private async replayReference(
    uow: UnitOfWork,
    principal: Principal,
    youngster: BestSeatRequest,
  ): Promise<BestSeatHold | undefined> {
    const earlier = await this.placements.findByReference(uow.em, youngster.reference);
    return earlier && this.replay(uow, earlier, principal, youngster);
  }

  /** The placement an earlier request with this reference made: the same youngster's, or a 409. */
  private async replay(
    uow: UnitOfWork,
    placement: Placement,
    principal: Principal,
    youngster: BestSeatRequest,
  ): Promise<BestSeatHold> {
    if (placement.youthRef !== youngster.youthRef) {
      throw new ReferenceConflict(placement.id);
    }
    assertActsForTeam(principal, placement.teamId, placement.youthRef);
    const activity = await this.activities.find(uow.em, placement.activityId);
    if (!activity) throw new ActivityNotFound();
    return {
      placement,
      activity: { activityId: activity.id, teamId: activity.teamId, title: activity.title },
      candidate: null,
      created: false,
    };
  }
}

/** A refusal, answered as a single call would answer it; any other error is thrown on. */
function refusal(error: unknown): { refused: DomainError } {
  if (!(error instanceof DomainError)) throw error;
  return { refused: error };
}
