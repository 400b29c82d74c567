import {
  BRIDGING_EVENT_TYPES,
  type BridgingOfferedData,
  type BridgingOfferOutcomeData,
  type BridgingQueuedData,
} from '@samenspel/contracts';
import { monthOf } from '../../domain/impact';
import { text } from '../ledger-record';
import { countFirstOffer, countOnce, placeOf, type Projector, type ProjectorEntries } from './projector';
import { entryClosed } from './waitlist.projector';

const offered: Projector<BridgingOfferedData> = async (p, d, { youthRef, at }) => {
  const waitlistEntryId = text(d.waitlistEntryId);
  const place = placeOf(p, youthRef, d);
  const month = monthOf(at);
  countOnce(p, place, month, 'offers', text(d.offerId));
  countOnce(p, place, month, 'offered_youngsters', `${youthRef}:${month}`);
  if (!waitlistEntryId) return;
  const entry = await p.flows.offer(p.em, {
    waitlistEntryId,
    youthRef,
    municipalityCode: place === 'unknown' ? null : place,
    offeredAt: at,
  });
  countFirstOffer(p, waitlistEntryId, entry);
};

const accepted: Projector<BridgingOfferOutcomeData> = (p, d, { youthRef, at }) =>
  countOnce(p, placeOf(p, youthRef, d), monthOf(at), 'offers_accepted', text(d.offerId));

const queued: Projector<BridgingQueuedData> = (p, d, { at }) =>
  p.flows.setOnce(p.em, 'entryQueued', text(d.waitlistEntryId), at);

export const BRIDGING_PROJECTORS: ProjectorEntries = [
  [BRIDGING_EVENT_TYPES.offered, offered],
  [BRIDGING_EVENT_TYPES.accepted, accepted],
  [BRIDGING_EVENT_TYPES.queued, queued],
  [BRIDGING_EVENT_TYPES.noMatch, entryClosed],
  [BRIDGING_EVENT_TYPES.consentMissing, entryClosed],
  [BRIDGING_EVENT_TYPES.ended, entryClosed],
];
