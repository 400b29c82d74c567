import type { WaitlistEntry } from '../../../waitlist-entries/waitlist-entry.entity';
import type { BridgingOffer } from '../../bridging-offer.entity';

export class WithdrawOpenOfferCommand {
  /** The entry, locked by the caller. */
  readonly entry!: WaitlistEntry;
  /** The entry's offers as the caller read them; the open one, if any, is withdrawn in place. */
  readonly offers!: BridgingOffer[];
  /** Why, as the offer-withdrawn event says it: the exit reason, `consent-withdrawn`, `profile-changed`. */
  readonly reason!: string;

  constructor(fields: WithdrawOpenOfferCommand) {
    Object.assign(this, fields);
  }
}
