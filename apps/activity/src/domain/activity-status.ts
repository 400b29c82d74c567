import { IllegalTransition } from '@samenspel/contracts';

export type ActivityStatus = 'draft' | 'open' | 'paused' | 'closed';
export type ActivityCommand = 'publish' | 'pause' | 'close';

/** Which status a command leads to from which statuses: closed is final. */
const TRANSITIONS: Record<ActivityCommand, { from: ActivityStatus[]; to: ActivityStatus }> = {
  publish: { from: ['draft', 'paused'], to: 'open' },
  pause: { from: ['open'], to: 'paused' },
  close: { from: ['draft', 'open', 'paused'], to: 'closed' },
};

/** The status after the command; throws illegal-transition when the command does not apply. */
export function nextActivityStatus(current: ActivityStatus, command: ActivityCommand): ActivityStatus {
  const rule = TRANSITIONS[command];
  if (!rule.from.includes(current)) {
    throw new IllegalTransition(`An activity that is ${current} cannot ${command}`, {
      currentStatus: current,
    });
  }
  return rule.to;
}

/** Only an open activity takes new holds; a paused one keeps its placements but takes no new ones. */
export function takesPlacements(status: ActivityStatus): boolean {
  return status === 'open';
}
