import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentGiven } from '@samenspel/contracts';
import type { EntryStatus } from '../domain/bridging-lifecycle';

/** A youngster's place on a care waiting list, as far as bridging needs it (no name, BSN, address or birth date). */
@Entity('waitlist_entry')
export class WaitlistEntry {
  @PrimaryColumn({ name: 'waitlist_entry_id', type: 'text' }) waitlistEntryId!: string;
  @Column({ name: 'youth_ref', type: 'text' }) youthRef!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'age_years', type: 'integer' }) ageYears!: number;
  @Column({ type: 'char', length: 4 }) postcode4!: string;
  @Column({ name: 'municipality_code', type: 'text' }) municipalityCode!: string;
  @Column({ name: 'care_category', type: 'text' }) careCategory!: string;
  @Column({ name: 'expected_wait_weeks', type: 'integer' }) expectedWaitWeeks!: number;
  @Column({ type: 'text', array: true }) interests!: string[];
  @Column({ type: 'jsonb', nullable: true }) consent!: ConsentGiven | null;
  @Column({ type: 'text' }) status!: EntryStatus;
  @Column({ name: 'entered_at', type: 'timestamptz' }) enteredAt!: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'first_offered_at', type: 'timestamptz', nullable: true }) firstOfferedAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  /** Whether the intake system was told the entry is queued (told once per wait in the queue). */
  @Column({ name: 'queued_notified', type: 'boolean' }) queuedNotified!: boolean;
  /** After the activity service was unreachable: not before this time again. */
  @Column({ name: 'next_match_at', type: 'timestamptz', nullable: true }) nextMatchAt!: Date | null;
  @Column({ name: 'exit_reason', type: 'text', nullable: true }) exitReason!: string | null;
  @Column({ name: 'exited_at', type: 'timestamptz', nullable: true }) exitedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** What an entry received at `now` starts with besides its facts: nothing offered, accepted or ended yet. */
export function receivedEntryState(
  now: Date,
): Pick<
  WaitlistEntry,
  | 'receivedAt'
  | 'firstOfferedAt'
  | 'acceptedAt'
  | 'queuedNotified'
  | 'nextMatchAt'
  | 'exitReason'
  | 'exitedAt'
  | 'updatedAt'
> {
  return {
    receivedAt: now,
    firstOfferedAt: null,
    acceptedAt: null,
    queuedNotified: false,
    nextMatchAt: null,
    exitReason: null,
    exitedAt: null,
    updatedAt: now,
  };
}
