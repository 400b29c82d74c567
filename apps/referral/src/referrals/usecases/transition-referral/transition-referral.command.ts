import type { Principal } from '@samenspel/http';
import type { ReferralStatus } from '../../../domain/referral-state-machine';
import type { Actor } from '../../actor';

export interface TransitionReferralCommand {
  referralId: string;
  to: ReferralStatus;
  reasonCode?: string;
  outcome?: string;
  note?: string;
  /** From If-Match; when given, a referral changed since then is refused with 412. */
  expectedVersion?: number;
  actor: Actor;
  /** The HTTP caller, checked against the access rules; absent for inbound events. */
  principal?: Principal;
}
