import { Injectable } from '@nestjs/common';
import { Clock } from '@samenspel/clock';
import { consentByAge } from '@samenspel/contracts';
import type { UnitOfWork } from '@samenspel/messaging';
import { MatcherSignal } from '../../../matching/matcher.signal';
import { consentMissing } from '../../../shared/bridging-events';
import { WaitlistEntriesRepository } from '../../waitlist-entries.repository';
import { receivedEntryState, WaitlistEntry } from '../../waitlist-entry.entity';
import type { RecordEntryCommand } from './record-entry.command';

export type RecordEntryOutcome = 'matching' | 'awaiting-consent' | 'known';

/**
 * A youngster entered a waiting list. With valid consent the entry goes to the matcher (woken at
 * commit); without it, nothing about the youngster reaches youth work and the intake system hears
 * consent-missing.
 */
@Injectable()
export class RecordEntry {
  constructor(
    private readonly entries: WaitlistEntriesRepository,
    private readonly matcher: MatcherSignal,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordEntryCommand, uow: UnitOfWork): Promise<RecordEntryOutcome> {
    const d = command.data;
    const verdict = consentByAge(d.ageYears, d.consent);
    const now = this.clock.now();
    const entry = Object.assign(new WaitlistEntry(), {
      waitlistEntryId: d.waitlistEntryId,
      youthRef: d.youthRef,
      source: command.source,
      ageYears: d.ageYears,
      postcode4: d.postcode4,
      municipalityCode: d.municipalityCode,
      careCategory: d.careCategory,
      expectedWaitWeeks: d.expectedWaitWeeks,
      interests: d.interests,
      consent: { youthWork: d.consent.youthWork, givenBy: d.consent.givenBy, givenAt: d.consent.givenAt },
      status: verdict.valid ? 'matching' : 'awaiting-consent',
      enteredAt: new Date(d.enteredAt),
      ...receivedEntryState(now),
    } satisfies WaitlistEntry);
    // waitlistEntryId is globally unique: a second `entered` for it (another event id) changes nothing.
    if (!(await this.entries.insert(uow.em, entry))) return 'known';
    if (verdict.valid) {
      await this.matcher.wake(uow.em);
      return 'matching';
    }
    await uow.publish(consentMissing(entry, verdict.reason));
    return 'awaiting-consent';
  }
}
