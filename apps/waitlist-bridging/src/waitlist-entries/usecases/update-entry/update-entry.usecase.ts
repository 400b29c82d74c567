import { Injectable } from '@nestjs/common';
import type { WaitlistUpdatedData } from '@samenspel/contracts';
import { assertEntryMove, decideOnUpdate, type MatchingProfile } from '../../../domain/bridging-lifecycle';
import { consentByAge } from '@samenspel/contracts';
import { consentMissing } from '../../../shared/bridging-events';
import { BridgingRepository } from '../../../shared/bridging.repository';
import { withdrawOpenOffer } from '../../../offers/offer-withdrawal';
import type { Tx } from '../../../shared/transaction';
import type { WaitlistEntry } from '../../waitlist-entry.entity';

export class UpdateEntryCommand {
  constructor(readonly data: WaitlistUpdatedData) {}
}

export type UpdateEntryOutcome = 'unknown' | 'await-consent' | 'rematch' | 'none';

/** The intake system changed an entry: re-evaluate consent, and matching where it matters. */
@Injectable()
export class UpdateEntry {
  async execute(command: UpdateEntryCommand, tx: Tx): Promise<UpdateEntryOutcome> {
    const d = command.data;
    const repo = BridgingRepository.in(tx.em);
    const entry = await repo.entry(d.waitlistEntryId, true);
    if (!entry || entry.youthRef !== d.youthRef) return 'unknown';
    const before = profileOf(entry);
    if (d.ageYears !== undefined) entry.ageYears = d.ageYears;
    if (d.postcode4 !== undefined) entry.postcode4 = d.postcode4;
    if (d.municipalityCode !== undefined) entry.municipalityCode = d.municipalityCode;
    if (d.expectedWaitWeeks !== undefined) entry.expectedWaitWeeks = d.expectedWaitWeeks;
    if (d.interests !== undefined) entry.interests = d.interests;
    if (d.consent !== undefined) {
      entry.consent = {
        youthWork: d.consent.youthWork,
        givenBy: d.consent.givenBy,
        givenAt: d.consent.givenAt,
      };
    }
    const verdict = consentByAge(entry.ageYears, entry.consent);
    const decision = decideOnUpdate(entry.status, verdict.valid, before, profileOf(entry));
    if (decision.action === 'await-consent' && !verdict.valid) {
      await withdrawOpenOffer(tx, repo, entry, await repo.offers(entry.waitlistEntryId), 'consent-withdrawn');
      assertEntryMove(entry.status, 'awaiting-consent');
      entry.status = 'awaiting-consent';
      await repo.saveEntry(entry);
      await tx.publish(consentMissing(entry, verdict.reason));
    } else if (decision.action === 'rematch') {
      if (decision.withdrawOpenOffer) {
        await withdrawOpenOffer(tx, repo, entry, await repo.offers(entry.waitlistEntryId), 'profile-changed');
      }
      assertEntryMove(entry.status, 'matching');
      entry.status = 'matching';
      entry.nextMatchAt = null;
      await repo.saveEntry(entry);
      await repo.signalMatcher();
    } else {
      await repo.saveEntry(entry);
    }
    return decision.action;
  }
}

function profileOf(e: WaitlistEntry): MatchingProfile {
  return {
    ageYears: e.ageYears,
    postcode4: e.postcode4,
    municipalityCode: e.municipalityCode,
    interests: [...e.interests],
  };
}
