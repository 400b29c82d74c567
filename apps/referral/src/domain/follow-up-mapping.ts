import type { ReferralStatus, TransitionRequest } from './referral-state-machine';

/**
 * How a completed follow-up step (from the notification service) moves a referral. Returns the
 * transitions to apply in order, possibly none. A referral still `requested` is first accepted:
 * the team working the follow-up plan has taken it on.
 *
 * - reached: → in-progress
 * - engaged-in-activity / internship-or-work-found / declined: → completed with that outcome
 * - not-reached on a final step: → failed, reason `unreachable`; on an earlier step: no change
 * - a referral in a final status: no change
 */
export function followUpTransitions(
  current: ReferralStatus,
  outcome: string,
  isFinalStep: boolean,
): TransitionRequest[] {
  if (['rejected', 'cancelled', 'completed', 'failed'].includes(current)) return [];
  let target: TransitionRequest | null;
  switch (outcome) {
    case 'reached':
      target = current === 'in-progress' ? null : { to: 'in-progress' };
      break;
    case 'engaged-in-activity':
    case 'internship-or-work-found':
    case 'declined':
      target = { to: 'completed', outcome };
      break;
    case 'not-reached':
      target = isFinalStep ? { to: 'failed', reasonCode: 'unreachable' } : null;
      break;
    default:
      target = null;
  }
  if (!target) return [];
  return current === 'requested' ? [{ to: 'accepted', reasonCode: 'follow-up-started' }, target] : [target];
}
