import type { CandidateQuery } from '@samenspel/contracts';
import { nextOfferRank, type EntryStatus } from './bridging-lifecycle';
import { offerIdFor } from './offer-id';

/** How many ranked candidates the activity service tries before the youngster is queued. */
export const CANDIDATES = 10;

/** What matching reads of a waitlist entry. */
export interface EntryToMatch {
  waitlistEntryId: string;
  status: EntryStatus;
  ageYears: number;
  postcode4: string;
  municipalityCode: string;
  interests: string[];
}

/** What matching reads of an offer made to the youngster before. */
export interface OfferMade {
  activityId: string;
}

export type MatchPlan =
  /** Not in `matching` (awaiting consent, offered, queued, bridged, ended): nothing to do. */
  | { kind: 'skip' }
  /** Every offer has been made: no-match, without asking the activity service. */
  | { kind: 'no-match' }
  /** Ask the activity service to hold the best free seat for this query, for the offer of this id and rank. */
  | { kind: 'hold'; offerId: string; rank: number; expiresAt: Date; query: CandidateQuery };

/**
 * What matching an entry asks for, from the entry and its offers as read. The activity service
 * ranks the candidates and holds a seat in the best one with room in the same call, so the plan
 * names the request (never an activity offered before) and `settleMatch` judges the answer.
 * The offer id is a UUIDv5 of entry and rank: a retry after a failed recording asks with the
 * same reference, and the activity service answers the seat it held then.
 */
export function planMatch(
  entry: EntryToMatch,
  offers: readonly OfferMade[],
  now: Date,
  offerTtlMs: number,
): MatchPlan {
  if (entry.status !== 'matching') return { kind: 'skip' };
  const rank = nextOfferRank(offers.length);
  if (rank === undefined) return { kind: 'no-match' };
  // Never the same activity twice: the activity service ranks without these and never holds in them.
  const tried = [...new Set(offers.map((o) => o.activityId))];
  return {
    kind: 'hold',
    offerId: offerIdFor(entry.waitlistEntryId, rank),
    rank,
    expiresAt: new Date(now.getTime() + offerTtlMs),
    query: {
      ageYears: entry.ageYears,
      postcode4: entry.postcode4,
      municipalityCode: entry.municipalityCode,
      interests: entry.interests,
      ...(tried.length > 0 && { excludeActivityIds: tried }),
      limit: CANDIDATES,
    },
  };
}

/** What the match came to: every offer made, no free seat anywhere, or a seat held. */
export type MatchFound = 'no-match' | 'no-seat' | 'seat';

/** What matching reads again of the entry, locked, when it records the result. */
export interface EntryNow {
  status: EntryStatus;
  municipalityCode: string;
  queuedNotified: boolean;
}

export type Settlement =
  /** The entry changed meanwhile; nothing is recorded (the next pass looks at it as it is now). */
  | { kind: 'overtaken' }
  | { kind: 'no-match' }
  /** Queued; the intake system is told once per stay in the queue. */
  | { kind: 'queue'; tell: boolean }
  /** The seat is offered. */
  | { kind: 'offer' }
  /** The seat was held for an entry that changed: recorded as a withdrawn offer, released after commit. */
  | { kind: 'give-back'; reason: 'profile-changed' | 'overtaken' };

/**
 * What a match found comes to for the entry as it is now, locked, when it was planned from the
 * entry as read (`matched`). A change since is decided as an `updated` event right after the
 * offer would have decided it: a youngster who exited or lost consent gets nothing, one who moved
 * to another municipality gets no seat in the old one (it is given back, and the entry, still
 * `matching`, is matched there on the next pass); any other change leaves the offer standing.
 */
export function settleMatch(
  matched: Pick<EntryToMatch, 'municipalityCode'>,
  now: EntryNow,
  found: MatchFound,
): Settlement {
  const stillMatching = now.status === 'matching';
  const moved = now.municipalityCode !== matched.municipalityCode;
  if (found === 'no-match') return stillMatching ? { kind: 'no-match' } : { kind: 'overtaken' };
  // No seat where the youngster was; where they are now is the next pass's to look at.
  if (found === 'no-seat') {
    return stillMatching && !moved ? { kind: 'queue', tell: !now.queuedNotified } : { kind: 'overtaken' };
  }
  if (stillMatching && !moved) return { kind: 'offer' };
  return { kind: 'give-back', reason: stillMatching ? 'profile-changed' : 'overtaken' };
}
