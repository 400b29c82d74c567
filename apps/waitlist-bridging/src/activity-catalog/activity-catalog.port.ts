import type { CandidateQuery } from '@samenspel/contracts';

/** A seat held, confirmed or released for a youngster in the activity service. */
export interface PlacementRef {
  placementId: string;
  activityId: string;
  teamId?: string;
  status?: string;
  expiresAt?: string;
}

/** A seat asked for one youngster: the best candidate with room, held for the offer. */
export interface SeatRequest {
  /** Who the seat is for; `excludeActivityIds` are never held, `limit` caps the candidates tried. */
  query: CandidateQuery;
  youthRef: string;
  /** Our offer id: a retry with it returns the placement already held, even in a now full activity. */
  reference: string;
  expiresAt: string;
}

/** The activity a seat was held in: what an offer names. */
export interface OfferedActivity {
  activityId: string;
  teamId: string;
  title: string;
}

/** The seat held in the best candidate with room, or `held: null` when none had a free seat. */
export type HoldOutcome = { held: PlacementRef; activity: OfferedActivity } | { held: null };

/** The activity service could not be reached or answered unexpectedly; the work is retried later. */
export class ActivityUnavailableError extends Error {
  override name = 'ActivityUnavailableError';
}

/** The activity service refused a confirm or release of a placement (a 4xx answer). */
export class PlacementRefusedError extends Error {
  override name = 'PlacementRefusedError';
  constructor(
    readonly status: number,
    readonly problemType: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** What the bridging use cases need from the youth-work catalogue (the activity service). */
export abstract class ActivityCatalogPort {
  /**
   * Ranks the candidates of each request and holds a seat in the best one with room, for several
   * youngsters served in the order given (first come, first served), in as few calls as the service
   * allows. Resolves per request its outcome or why it was refused (a PlacementRefusedError);
   * rejects when the service could not be asked at all.
   */
  abstract holdBestAll(requests: readonly SeatRequest[]): Promise<Array<HoldOutcome | Error>>;
  abstract confirm(placementId: string): Promise<PlacementRef>;
  abstract release(placementId: string, reason: string): Promise<void>;
}
