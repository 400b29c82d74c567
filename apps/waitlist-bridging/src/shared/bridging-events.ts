import {
  BRIDGING_EVENT_TYPES,
  type BridgingConsentMissingData,
  type BridgingEndedData,
  type BridgingNoMatchData,
  type BridgingOfferedData,
  type BridgingOfferOutcomeData,
  type BridgingQueuedData,
} from '@samenspel/contracts';
import type { NewEvent } from '@samenspel/messaging';
import type { BridgingOffer } from '../offers/bridging-offer.entity';
import type { WaitlistEntry } from '../waitlist-entries/waitlist-entry.entity';

/** Outbound events on samenspel.bridging.v1, keyed by youthRef so that the intake system can close the loop. */
function event<T extends object>(type: string, entry: WaitlistEntry, data: T): NewEvent<T> {
  return {
    type,
    key: entry.youthRef,
    aggregateType: 'waitlist-entry',
    aggregateId: entry.waitlistEntryId,
    subject: entry.waitlistEntryId,
    data,
  };
}

const ref = (entry: WaitlistEntry) => ({ waitlistEntryId: entry.waitlistEntryId, youthRef: entry.youthRef });

export function offered(entry: WaitlistEntry, offer: BridgingOffer): NewEvent<BridgingOfferedData> {
  return event(BRIDGING_EVENT_TYPES.offered, entry, {
    ...ref(entry),
    offerId: offer.offerId,
    activityId: offer.activityId,
    teamId: offer.teamId,
    expiresAt: offer.expiresAt.toISOString(),
    rank: offer.rank,
    ...(offer.activityTitle && { activityTitle: offer.activityTitle }),
    municipalityCode: entry.municipalityCode,
  });
}

export type OfferOutcome = 'accepted' | 'declined' | 'expired' | 'offerWithdrawn';

export function offerOutcome(
  outcome: OfferOutcome,
  entry: WaitlistEntry,
  offer: BridgingOffer,
  reason?: string,
): NewEvent<BridgingOfferOutcomeData> {
  return event(BRIDGING_EVENT_TYPES[outcome], entry, {
    ...ref(entry),
    offerId: offer.offerId,
    activityId: offer.activityId,
    teamId: offer.teamId,
    placementId: offer.placementId,
    ...(reason && { reason }),
  });
}

export function queued(entry: WaitlistEntry): NewEvent<BridgingQueuedData> {
  return event(BRIDGING_EVENT_TYPES.queued, entry, {
    ...ref(entry),
    municipalityCode: entry.municipalityCode,
  });
}

export function noMatch(entry: WaitlistEntry, reason: string): NewEvent<BridgingNoMatchData> {
  return event(BRIDGING_EVENT_TYPES.noMatch, entry, { ...ref(entry), reason });
}

export function consentMissing(entry: WaitlistEntry, reason: string): NewEvent<BridgingConsentMissingData> {
  return event(BRIDGING_EVENT_TYPES.consentMissing, entry, {
    ...ref(entry),
    ageYears: entry.ageYears,
    reason,
  });
}

export function ended(
  entry: WaitlistEntry,
  details: { reason: string; accepted?: BridgingOffer; weeksBridged?: number },
): NewEvent<BridgingEndedData> {
  return event(BRIDGING_EVENT_TYPES.ended, entry, {
    ...ref(entry),
    reason: details.reason,
    placementContinues: details.accepted !== undefined,
    ...(details.accepted && { teamId: details.accepted.teamId, activityId: details.accepted.activityId }),
    ...(details.weeksBridged !== undefined && {
      weeksBridged: Math.min(104, Math.round(details.weeksBridged)),
    }),
    ...(entry.exitedAt && { endedAt: entry.exitedAt.toISOString() }),
  });
}
