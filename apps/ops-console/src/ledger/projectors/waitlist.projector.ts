import {
  WAITLIST_EVENT_TYPES,
  type ConsentDto,
  type WaitlistEnteredData,
  type WaitlistExitedData,
  type WaitlistUpdatedData,
} from '@samenspel/contracts';
import { monthOf } from '../../domain/impact';
import type { NewEntry } from '../../stuck-flows/stuck-flows.repository';
import { text, validDate } from '../ledger-record';
import {
  countFirstOffer,
  countOnce,
  placeOf,
  type Projector,
  type ProjectorEntries,
  runProjector,
  type Raw,
} from './projector';

/** Entries entered: counted with consent, and their first offer once it was seen too. */
const entered = runProjector<WaitlistEnteredData, { entry: NewEntry; place: string | null; at: Date }>(
  (p, d, { youthRef, at }) => {
    const consent = (d.consent as Raw<ConsentDto> | undefined)?.youthWork === true;
    return {
      entry: {
        waitlistEntryId: text(d.waitlistEntryId),
        youthRef,
        municipalityCode: text(d.municipalityCode),
        consent,
        enteredAt: validDate(d.enteredAt) ?? at,
      },
      place: consent ? placeOf(p, youthRef, d) : null,
      at,
    };
  },
  async (p, items) => {
    const entries = await p.flows.enterWaitlist(
      p.em,
      items.map((i) => i.entry),
    );
    items.forEach(({ entry, place, at }, i) => {
      countFirstOffer(p, entry.waitlistEntryId, entries[i]);
      if (place !== null) countOnce(p, place, monthOf(at), 'entered_with_consent', entry.waitlistEntryId);
    });
  },
);

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

/**
 * A bridged youngster (the entry had an offer) who leaves the list counts as a bridged exit, and
 * with care-no-longer-needed also as prevention; both in the month of the exit.
 */
const exited: Projector<WaitlistExitedData> = async (p, d, record) => {
  await entryClosed(p, d, record);
  const waitlistEntryId = text(d.waitlistEntryId);
  const entry = await p.flows.entryTimes(p.em, waitlistEntryId);
  if (!entry?.offeredAt) return;
  countOnce(p, entry.municipalityCode ?? 'unknown', monthOf(record.at), 'bridged_exits', waitlistEntryId, {
    alsoCount: d.reason === 'care-no-longer-needed' ? 'care_no_longer_needed' : undefined,
  });
};

export const WAITLIST_PROJECTORS: ProjectorEntries = [
  [WAITLIST_EVENT_TYPES.entered, entered],
  [WAITLIST_EVENT_TYPES.updated, updated],
  [WAITLIST_EVENT_TYPES.exited, exited],
];
