import { IllegalTransition } from '@samenspel/contracts';

export type PlacementStatus = 'held' | 'confirmed' | 'released' | 'cancelled' | 'completed';
export type PlacementCommand = 'confirm' | 'release' | 'cancel' | 'complete';

/** Active placements occupy a seat; the others are history. */
export const ACTIVE_PLACEMENT_STATUSES: readonly PlacementStatus[] = ['held', 'confirmed'];

const TRANSITIONS: Record<PlacementCommand, { from: PlacementStatus[]; to: PlacementStatus }> = {
  confirm: { from: ['held'], to: 'confirmed' },
  release: { from: ['held', 'confirmed'], to: 'released' },
  cancel: { from: ['held', 'confirmed'], to: 'cancelled' },
  complete: { from: ['confirmed'], to: 'completed' },
};

export interface PlacementTransition {
  to: PlacementStatus;
  /** False when the placement is already in the target state: a retried call changes nothing. */
  changed: boolean;
}

/** The status after the command, or an IllegalTransition. Repeating a command is a no-op. */
export function placementTransition(
  current: PlacementStatus,
  command: PlacementCommand,
): PlacementTransition {
  const rule = TRANSITIONS[command];
  if (current === rule.to) return { to: rule.to, changed: false };
  if (!rule.from.includes(current)) {
    throw new IllegalTransition(`A placement that is ${current} cannot ${command}`, {
      currentStatus: current,
    });
  }
  return { to: rule.to, changed: true };
}

/** How a transition moves the seat counters of the activity. */
export function seatDelta(from: PlacementStatus, to: PlacementStatus): { held: number; confirmed: number } {
  const count = (s: PlacementStatus) => ({
    held: s === 'held' ? 1 : 0,
    confirmed: s === 'confirmed' ? 1 : 0,
  });
  const a = count(from);
  const b = count(to);
  return { held: b.held - a.held, confirmed: b.confirmed - a.confirmed };
}
