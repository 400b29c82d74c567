import { Injectable } from '@nestjs/common';
import type { WaitlistEnteredData } from '@samenspel/contracts';
import { consentByAge } from '@samenspel/contracts';
import { consentMissing } from '../../../shared/bridging-events';
import { BridgingRepository } from '../../../shared/bridging.repository';
import type { Tx } from '../../../shared/transaction';
import { WaitlistEntry } from '../../waitlist-entry.entity';

export class RecordEntryCommand {
  constructor(
    readonly data: WaitlistEnteredData,
    /** The intake system (CloudEvents source). */
    readonly source: string,
  ) {}
}

export type RecordEntryOutcome = 'matching' | 'awaiting-consent' | 'known';

/**
 * A youngster entered a waiting list. With valid consent the entry goes to the matcher (woken at
 * commit); without it, nothing about the youngster reaches youth work and the intake system hears
 * consent-missing.
 */
@Injectable()
export class RecordEntry {
  async execute(command: RecordEntryCommand, tx: Tx): Promise<RecordEntryOutcome> {
    const d = command.data;
    const repo = BridgingRepository.in(tx.em);
    const verdict = consentByAge(d.ageYears, d.consent);
    const now = new Date();
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
      receivedAt: now,
      firstOfferedAt: null,
      acceptedAt: null,
      queuedNotified: false,
      nextMatchAt: null,
      exitReason: null,
      exitedAt: null,
      updatedAt: now,
    } satisfies WaitlistEntry);
    // waitlistEntryId is globally unique: a second `entered` for it (another event id) changes nothing.
    if (!(await repo.insertEntry(entry))) return 'known';
    if (verdict.valid) {
      await repo.signalMatcher();
      return 'matching';
    }
    await tx.publish(consentMissing(entry, verdict.reason));
    return 'awaiting-consent';
  }
}
