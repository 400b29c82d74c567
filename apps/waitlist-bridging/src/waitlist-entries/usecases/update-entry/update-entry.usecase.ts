import { Injectable } from '@nestjs/common';
import { consentByAge } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { assertEntryMove, decideOnUpdate, type MatchingProfile } from '../../../domain/bridging-lifecycle';
import { MatcherSignal } from '../../../matching/matcher.signal';
import { OffersRepository } from '../../../offers/offers.repository';
import { WithdrawOpenOfferCommand } from '../../../offers/usecases/withdraw-open-offer/withdraw-open-offer.command';
import { WithdrawOpenOffer } from '../../../offers/usecases/withdraw-open-offer/withdraw-open-offer.usecase';
import { consentMissing } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../waitlist-entries.repository';
import type { WaitlistEntry } from '../../waitlist-entry.entity';
import type { UpdateEntryCommand } from './update-entry.command';

export type UpdateEntryOutcome = 'unknown' | 'await-consent' | 'rematch' | 'none';

/** The intake system changed an entry: re-evaluate consent, and matching where it matters. */
@Injectable()
export class UpdateEntry {
  constructor(
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    private readonly withdrawOpenOffer: WithdrawOpenOffer,
    private readonly matcher: MatcherSignal,
  ) {}

  async execute(command: UpdateEntryCommand, uow: UnitOfWork): Promise<UpdateEntryOutcome> {
    const d = command.data;
    const entry = await this.entries.lock(uow.em, d.waitlistEntryId);
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
      await this.withdraw(uow, entry, 'consent-withdrawn');
      assertEntryMove(entry.status, 'awaiting-consent');
      entry.status = 'awaiting-consent';
      await this.entries.save(uow.em, entry);
      await uow.publish(consentMissing(entry, verdict.reason));
    } else if (decision.action === 'rematch') {
      if (decision.withdrawOpenOffer) await this.withdraw(uow, entry, 'profile-changed');
      assertEntryMove(entry.status, 'matching');
      entry.status = 'matching';
      entry.nextMatchAt = null;
      await this.entries.save(uow.em, entry);
      await this.matcher.wake(uow.em);
    } else {
      await this.entries.save(uow.em, entry);
    }
    return decision.action;
  }

  private async withdraw(uow: UnitOfWork, entry: WaitlistEntry, reason: string): Promise<void> {
    const offers = await this.offers.ofEntry(uow.em, entry.waitlistEntryId);
    await this.withdrawOpenOffer.execute(new WithdrawOpenOfferCommand({ entry, offers, reason }), uow);
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
