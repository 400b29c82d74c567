import type { Principal } from '@samenspel/http';
import type { ReferralStatus } from '../../../domain/referral-state-machine';
import type { Actor } from '../../actor';

export class TransitionReferralCommand {
  readonly referralId!: string;
  readonly to!: ReferralStatus;
  readonly reasonCode?: string;
  readonly outcome?: string;
  readonly note?: string;
  /** From If-Match; when given, a referral changed since then is refused with 412. */
  readonly expectedVersion?: number;
  readonly actor!: Actor;
  /** The HTTP caller, checked against the access rules; absent for inbound events. */
  readonly principal?: Principal;

  constructor(fields: TransitionReferralCommand) {
    Object.assign(this, fields);
  }
}
