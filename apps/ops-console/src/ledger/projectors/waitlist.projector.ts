import {
  WAITLIST_EVENT_TYPES,
  type ConsentDto,
  type WaitlistEnteredData,
  type WaitlistExitedData,
  type WaitlistUpdatedData,
} from '@samenspel/contracts';
import { text, validDate } from '../ledger-record';
import { countFirstOffer, type Projector, type ProjectorEntries, type Raw } from './projector';

const entered: Projector<WaitlistEnteredData> = async (p, d, { youthRef, at }) => {
  const waitlistEntryId = text(d.waitlistEntryId);
  const entry = await p.flows.enterWaitlist(p.em, {
    waitlistEntryId,
    youthRef,
    municipalityCode: text(d.municipalityCode),
    consent: (d.consent as Raw<ConsentDto> | undefined)?.youthWork === true,
    enteredAt: validDate(d.enteredAt) ?? at,
  });
  countFirstOffer(p, waitlistEntryId, entry);
};

const updated: Projector<WaitlistUpdatedData> = async (p, d) => {
  if (d.consent && typeof d.consent === 'object') {
    await p.flows.setConsent(
      p.em,
      text(d.waitlistEntryId),
      (d.consent as Raw<ConsentDto>).youthWork === true,
    );
  }
};

/** The entry is done with: it left the list, or bridging ended for it (also no match, no consent). */
export const entryClosed: Projector<Pick<WaitlistExitedData, 'waitlistEntryId'>> = (p, d, { at }) =>
  p.flows.setOnce(p.em, 'entryClosed', text(d.waitlistEntryId), at);

export const WAITLIST_PROJECTORS: ProjectorEntries = [
  [WAITLIST_EVENT_TYPES.entered, entered],
  [WAITLIST_EVENT_TYPES.updated, updated],
  [WAITLIST_EVENT_TYPES.exited, entryClosed],
];
