import {
  IllegalTransition,
  OutcomeNotAllowed,
  OutcomeRequired,
  ReasonRequired,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type DomainError,
} from '@samenspel/contracts';

export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/**
 * The FHIR Task state machine as the Gravity closed-loop referral guide uses it. A status not
 * listed as a key has no way out (rejected, cancelled, completed, failed are final).
 */
export const LEGAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  requested: ['accepted', 'rejected'],
  accepted: ['in-progress', 'on-hold', 'cancelled', 'completed', 'failed'],
  'in-progress': ['on-hold', 'cancelled', 'completed', 'failed'],
  'on-hold': ['in-progress', 'cancelled', 'completed', 'failed'],
  rejected: [],
  cancelled: [],
  completed: [],
  failed: [],
};

/** Statuses that still need work from someone: they count as open for routing. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['requested', 'accepted', 'in-progress', 'on-hold'];

/** Target statuses that must say why. */
export const REASON_REQUIRED: readonly ReferralStatus[] = ['rejected', 'cancelled', 'failed'];

/** Reason codes for reject, cancel and fail (documented in docs/referral.md). */
export const REFERRAL_REASON_CODES = [
  'no-capacity',
  'not-eligible',
  'outside-service-area',
  'youth-declined',
  'guardian-declined',
  'consent-withdrawn',
  'care-needed',
  'unreachable',
  'moved',
  'duplicate',
  'other',
] as const;

export interface TransitionRequest {
  to: ReferralStatus;
  reasonCode?: string;
  outcome?: string;
}

export type TransitionVerdict =
  | { allowed: true }
  | {
      allowed: false;
      code: 'illegal-transition' | 'reason-required' | 'outcome-required' | 'outcome-not-allowed';
      detail: string;
    };

type Refusal = Extract<TransitionVerdict, { allowed: false }>;

/** The domain error of each refusal: a move the state machine lacks is a conflict with the current state. */
const REFUSALS: Record<
  Refusal['code'],
  (refusal: Refusal, from: ReferralStatus, to: ReferralStatus) => DomainError
> = {
  'illegal-transition': ({ detail }, from, to) =>
    new IllegalTransition(detail, { currentStatus: from, requestedStatus: to }),
  'reason-required': ({ detail }) => new ReasonRequired(detail),
  'outcome-required': ({ detail }) => new OutcomeRequired(detail),
  'outcome-not-allowed': ({ detail }) => new OutcomeNotAllowed(detail),
};

export function isReferralStatus(value: string): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly string[]).includes(value);
}

/** Whether a referral in `from` may move as requested, and what is missing if not. */
export function checkTransition(from: ReferralStatus, request: TransitionRequest): TransitionVerdict {
  const { to, reasonCode, outcome } = request;
  if (!LEGAL_TRANSITIONS[from].includes(to)) {
    return {
      allowed: false,
      code: 'illegal-transition',
      detail: `A referral cannot go from ${from} to ${to}`,
    };
  }
  if (REASON_REQUIRED.includes(to) && !reasonCode) {
    return { allowed: false, code: 'reason-required', detail: `Going to ${to} needs a reasonCode` };
  }
  if (to === 'completed' && !(REFERRAL_OUTCOMES as readonly string[]).includes(outcome ?? '')) {
    return {
      allowed: false,
      code: 'outcome-required',
      detail: `Completing needs an outcome: one of ${REFERRAL_OUTCOMES.join(', ')}`,
    };
  }
  if (to !== 'completed' && outcome !== undefined) {
    return { allowed: false, code: 'outcome-not-allowed', detail: 'Only completing records an outcome' };
  }
  return { allowed: true };
}

/** As checkTransition, throwing the domain error of a refused move. */
export function assertTransition(from: ReferralStatus, request: TransitionRequest): void {
  const verdict = checkTransition(from, request);
  if (!verdict.allowed) throw REFUSALS[verdict.code](verdict, from, request.to);
}
