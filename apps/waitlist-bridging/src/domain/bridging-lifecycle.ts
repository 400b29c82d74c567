import { IllegalTransition } from '@samenspel/contracts';

/** Where a waitlist entry stands in bridging. */
export const ENTRY_STATUSES = [
  'awaiting-consent',
  'matching',
  'queued',
  'offered',
  'bridged',
  'no-match',
  'ended',
] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const OFFER_STATUSES = ['open', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** A youngster gets at most this many offers; after the last one is declined or lapses: no-match. */
export const MAX_OFFERS = 3;

/**
 * The entry's state machine. `matching` is the short-lived state in which the matcher looks for
 * a seat; `queued` waits for capacity; `bridged` has an accepted placement. Any state but `ended`
 * may end (the youngster leaves the waiting list).
 */
const ENTRY_TRANSITIONS: Record<EntryStatus, readonly EntryStatus[]> = {
  'awaiting-consent': ['awaiting-consent', 'matching', 'ended'],
  matching: ['offered', 'queued', 'no-match', 'awaiting-consent', 'ended'],
  queued: ['matching', 'awaiting-consent', 'ended'],
  offered: ['bridged', 'matching', 'no-match', 'awaiting-consent', 'ended'],
  bridged: ['ended'],
  'no-match': ['ended'],
  ended: [],
};

const OFFER_TRANSITIONS: Record<OfferStatus, readonly OfferStatus[]> = {
  open: ['accepted', 'declined', 'expired', 'withdrawn'],
  accepted: [],
  declined: [],
  expired: [],
  withdrawn: [],
};

function illegalMove(what: 'entry' | 'offer', from: string, to: string): IllegalTransition {
  return new IllegalTransition(`a ${from} ${what} cannot become ${to}`, {
    currentState: from,
    requestedState: to,
  });
}

export function canEntryMove(from: EntryStatus, to: EntryStatus): boolean {
  return ENTRY_TRANSITIONS[from].includes(to);
}

export function assertEntryMove(from: EntryStatus, to: EntryStatus): void {
  if (!canEntryMove(from, to)) throw illegalMove('entry', from, to);
}

export function assertOfferMove(from: OfferStatus, to: OfferStatus): void {
  if (!OFFER_TRANSITIONS[from].includes(to)) throw illegalMove('offer', from, to);
}

/** After an offer was declined or lapsed: try the next activity, or stop after the third offer. */
export function afterOfferClosed(offersMade: number): 'matching' | 'no-match' {
  return offersMade >= MAX_OFFERS ? 'no-match' : 'matching';
}

/** The rank of the next offer (1-based), or undefined when the youngster has had every offer. */
export function nextOfferRank(offersMade: number): number | undefined {
  return offersMade >= MAX_OFFERS ? undefined : offersMade + 1;
}

/** Fields of an `updated` event that change which activities fit. */
export interface MatchingProfile {
  ageYears: number;
  postcode4: string;
  municipalityCode: string;
  interests: string[];
}

export type UpdateDecision =
  /** Consent is (now) missing: withdraw what is open and wait for consent. */
  | { action: 'await-consent' }
  /** Look (again) for a seat, withdrawing an open offer first when `withdrawOpenOffer`. */
  | { action: 'rematch'; withdrawOpenOffer: boolean }
  | { action: 'none' };

/**
 * What an `updated` event means for an entry. Consent is checked first: without it nothing more
 * reaches youth work. A youngster who moved to another municipality loses an open offer there; an
 * offer already made stays otherwise (the team is already talking to them). A queued youngster
 * is matched again whenever age, place or interests change; a bridged or finished entry keeps its state.
 */
export function decideOnUpdate(
  status: EntryStatus,
  consentValid: boolean,
  before: MatchingProfile,
  after: MatchingProfile,
): UpdateDecision {
  if (status === 'ended' || status === 'bridged' || status === 'no-match') return { action: 'none' };
  if (!consentValid) return { action: 'await-consent' };
  if (status === 'awaiting-consent') return { action: 'rematch', withdrawOpenOffer: false };
  const moved = before.municipalityCode !== after.municipalityCode;
  if (status === 'offered')
    return moved ? { action: 'rematch', withdrawOpenOffer: true } : { action: 'none' };
  if (status === 'queued' && (moved || profileChanged(before, after))) {
    return { action: 'rematch', withdrawOpenOffer: false };
  }
  return { action: 'none' };
}

function profileChanged(a: MatchingProfile, b: MatchingProfile): boolean {
  return (
    a.ageYears !== b.ageYears ||
    a.postcode4 !== b.postcode4 ||
    a.municipalityCode !== b.municipalityCode ||
    [...a.interests].sort().join('|') !== [...b.interests].sort().join('|')
  );
}
