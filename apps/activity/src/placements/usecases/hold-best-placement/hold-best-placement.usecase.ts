import { Injectable } from '@nestjs/common';
import {
  ActivityNotFound,
  ActivityNotOpen,
  AlreadyPlaced,
  NoCapacity,
  ReferenceConflict,
} from '@samenspel/contracts';
import type { NewEvent } from '@samenspel/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivitiesRepository } from '../../../activities/activities.repository';
import type { RankedCandidate } from '../../../domain/ranking';
import { FindCandidatesCommand } from '../../../matching/usecases/find-candidates/find-candidates.command';
import { FindCandidates } from '../../../matching/usecases/find-candidates/find-candidates.usecase';
import { assertActsForTeam, ownTeamOf } from '../../../domain/team-scope';
import type { Placement } from '../../placement.entity';
import { PlacementsRepository } from '../../placements.repository';
import { HoldPlacementCommand } from '../hold-placement/hold-placement.command';
import { HoldPlacement, type HoldResult } from '../hold-placement/hold-placement.usecase';
import type { HoldBestPlacementCommand } from './hold-best-placement.command';

/** The activity a seat was held in: what a caller needs to make an offer of it. */
export interface HeldActivity {
  activityId: string;
  teamId: string;
  title: string;
}

export type HoldBestResult =
  | {
      placement: Placement;
      activity: HeldActivity;
      /** The ranked candidate the seat was taken in; null when the reference was seen before. */
      candidate: RankedCandidate | null;
      /** False when the reference was seen before and the earlier placement is returned. */
      created: boolean;
    }
  | { placement: null };

/** Refusals of one candidate that mean: another youngster was faster, try the next one. */
const NEXT_CANDIDATE = [NoCapacity, ActivityNotOpen, AlreadyPlaced, ActivityNotFound];

/**
 * Ranks the candidates for a youngster (as `POST /matching/candidates`) and holds a seat in the
 * best one that still has room, in one request. Each try is the ordinary hold (in its own
 * transaction, or in a batch's, with the activity row locked), so capacity is kept exactly as for
 * `POST /placements`.
 *
 * Idempotent on the reference, like the hold: a reference seen before returns its placement,
 * whatever the activity's seats are now, and is never answered with a second seat. The hold finds
 * the reference on the first candidate tried; a candidate list without that seat's activity ends
 * in a lookup of the reference before answering "no seat".
 */
@Injectable()
export class HoldBestPlacement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly findCandidates: FindCandidates,
    private readonly holdPlacement: HoldPlacement,
    private readonly placements: PlacementsRepository,
    private readonly activities: ActivitiesRepository,
  ) {}

  /** Each try of a candidate in a transaction of its own. */
  execute(command: HoldBestPlacementCommand): Promise<HoldBestResult> {
    return this.holdBest(command, this.dataSource.manager, (hold) => this.holdPlacement.execute(hold));
  }

  /**
   * Every try in the caller's transaction (a batch of youngsters, held in order), its event added
   * to `events` for the caller to append. A refusal leaves the transaction usable; a failed
   * statement fails it, and the caller redoes the batch one youngster at a time with `execute`.
   */
  executeIn(
    em: EntityManager,
    command: HoldBestPlacementCommand,
    events: NewEvent[],
  ): Promise<HoldBestResult> {
    return this.holdBest(command, em, (hold, expiresAt) =>
      this.holdPlacement.holdIn(em, hold, expiresAt, events),
    );
  }

  private async holdBest(
    command: HoldBestPlacementCommand,
    em: EntityManager,
    tryHold: (hold: HoldPlacementCommand, expiresAt: Date) => Promise<HoldResult>,
  ): Promise<HoldBestResult> {
    const expiresAt = this.holdPlacement.expiryOf(command.expiresAt);
    // A reference seen before is found by the hold itself (it looks the reference up with the
    // activity locked), so the common first call costs no lookup of its own.
    const { principal, query } = command;
    const candidates = await this.findCandidates.execute(
      new FindCandidatesCommand({
        ageYears: query.ageYears,
        postcode4: query.postcode4,
        municipalityCode: query.municipalityCode,
        interests: [...query.interests],
        excludeActivityIds: [...(query.excludeActivityIds ?? [])],
        limit: query.limit,
        // A team role holds seats of its own team only.
        teamId: ownTeamOf(principal),
      }),
      em,
    );
    for (const candidate of candidates) {
      try {
        const { placement, created } = await tryHold(
          new HoldPlacementCommand({
            principal,
            activityId: candidate.activityId,
            youthRef: command.youthRef,
            reference: command.reference,
            expiresAt,
          }),
          expiresAt,
        );
        if (!created) return this.replay(em, placement, command);
        return {
          placement,
          activity: { activityId: candidate.activityId, teamId: candidate.teamId, title: candidate.title },
          candidate,
          created: true,
        };
      } catch (error) {
        if (NEXT_CANDIDATE.some((refusal) => error instanceof refusal)) continue;
        // A concurrent request with this reference held a seat on another activity first.
        if (error instanceof ReferenceConflict) {
          const concurrent = await this.placements.findByReference(em, command.reference);
          if (concurrent) return this.replay(em, concurrent, command);
        }
        throw error;
      }
    }
    // No candidate took it. A retry whose earlier seat is in an activity that is full now, or no
    // longer a candidate, still gets that seat, never a "no seat".
    const earlier = await this.placements.findByReference(em, command.reference);
    if (earlier) return this.replay(em, earlier, command);
    return { placement: null };
  }

  /** The placement an earlier request with this reference made: the same youngster's, or a 409. */
  private async replay(
    em: EntityManager,
    placement: Placement,
    command: HoldBestPlacementCommand,
  ): Promise<HoldBestResult> {
    if (placement.youthRef !== command.youthRef) {
      throw new ReferenceConflict(command.reference, placement.id);
    }
    assertActsForTeam(command.principal, placement.teamId);
    const activity = await this.activities.find(em, placement.activityId);
    if (!activity) throw new ActivityNotFound(placement.activityId);
    return {
      placement,
      activity: { activityId: activity.id, teamId: activity.teamId, title: activity.title },
      candidate: null,
      created: false,
    };
  }
}
