import {
  BRIDGING_EVENT_TYPES,
  type BridgingEndedData,
  type BridgingOfferedData,
  type BridgingOfferOutcomeData,
  type BridgingQueuedData,
} from '@samenspel/contracts';
import { monthOf } from '../../domain/impact';
import { text } from '../ledger-record';
import type { NewOffer } from '../../stuck-flows/stuck-flows.repository';
import {
  countFirstOffer,
  countOnce,
  placeOf,
  runProjector,
  type Projector,
  type ProjectorEntries,
} from './projector';
import { entryClosed } from './waitlist.projector';

/**
 * Offers: counted per offer and per youngster and month; each entry's first offer is kept, and
 * its latency once the entry was seen too.
 */
const offered = runProjector<BridgingOfferedData, { offer: NewOffer | null }>(
  (p, d, { youthRef, at }) => {
    const waitlistEntryId = text(d.waitlistEntryId);
    const place = placeOf(p, youthRef, d);
    const month = monthOf(at);
    countOnce(p, place, month, 'offers', text(d.offerId));
    countOnce(p, place, month, 'offered_youngsters', `${youthRef}:${month}`);
    if (!waitlistEntryId) return { offer: null };
    return {
      offer: {
        waitlistEntryId,
        youthRef,
        municipalityCode: place === 'unknown' ? null : place,
        offeredAt: at,
      },
    };
  },
  async (p, items) => {
    const offers = items.flatMap(({ offer }) => (offer ? [offer] : []));
    const entries = await p.flows.offer(p.em, offers);
    offers.forEach(({ waitlistEntryId }, i) => countFirstOffer(p, waitlistEntryId, entries[i]));
  },
);

const accepted: Projector<BridgingOfferOutcomeData> = (p, d, { youthRef, at }) =>
  countOnce(p, placeOf(p, youthRef, d), monthOf(at), 'offers_accepted', text(d.offerId));

/**
 * Bridging ended: the weeks bridged (when a placement was accepted) count per whole number of
 * weeks, and care that started while the placement goes on counts as care started while attending.
 */
const ended: Projector<BridgingEndedData> = async (p, d, record) => {
  await entryClosed(p, d, record);
  const waitlistEntryId = text(d.waitlistEntryId);
  const place = placeOf(p, record.youthRef, d);
  const month = monthOf(record.at);
  if (typeof d.weeksBridged === 'number' && Number.isInteger(d.weeksBridged) && d.weeksBridged >= 0) {
    countOnce(p, place, month, 'weeks_bridged', waitlistEntryId, {
      alsoCount: `weeks_bridged_at_${Math.min(d.weeksBridged, 104)}`,
    });
  }
  if (d.reason === 'care-started' && d.placementContinues === true) {
    countOnce(p, place, month, 'care_started_while_attending', waitlistEntryId);
  }
};

const queued: Projector<BridgingQueuedData> = (p, d, { at }) =>
  p.flows.setOnce(p.em, 'entryQueued', text(d.waitlistEntryId), at);

export const BRIDGING_PROJECTORS: ProjectorEntries = [
  [BRIDGING_EVENT_TYPES.offered, offered],
  [BRIDGING_EVENT_TYPES.accepted, accepted],
  [BRIDGING_EVENT_TYPES.queued, queued],
  [BRIDGING_EVENT_TYPES.noMatch, entryClosed],
  [BRIDGING_EVENT_TYPES.consentMissing, entryClosed],
  [BRIDGING_EVENT_TYPES.ended, ended],
];
