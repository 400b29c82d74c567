import type { OfferedActivity, PlacementRef } from '../../../activity-catalog/activity-catalog.port';
import type { WaitlistEntry } from '../../../waitlist-entries/waitlist-entry.entity';

/** What a match found for an entry: an offer of the seat held, the queue, or no-match. */
export type MatchResult =
  | { kind: 'no-match' }
  | { kind: 'queue' }
  | {
      kind: 'offer';
      offerId: string;
      rank: number;
      /** The seat held; a retried hold answers that of the first try. */
      placement: PlacementRef;
      activity: OfferedActivity;
      /** When the offer lapses, unless the placement says otherwise. */
      expiresAt: Date;
    };

export class RecordMatchCommand {
  /** The entry as the matcher read it for its batch, before the seat was held. */
  readonly matched!: WaitlistEntry;
  readonly result!: MatchResult;

  constructor(fields: RecordMatchCommand) {
    Object.assign(this, fields);
  }
}
