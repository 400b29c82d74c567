const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Weeks of waiting time bridged by an accepted placement: from acceptance to the end of the wait,
 * that is the exit when the youngster left the list, or else the expected end of the wait
 * (entered + expected weeks). Never negative.
 */
export function weeksBridged(args: {
  acceptedAt: Date;
  enteredAt: Date;
  expectedWaitWeeks: number;
  exitedAt?: Date | null;
}): number {
  const end = args.exitedAt ?? new Date(args.enteredAt.getTime() + args.expectedWaitWeeks * WEEK_MS);
  return Math.max(0, (end.getTime() - args.acceptedAt.getTime()) / WEEK_MS);
}

/** The share of waiting youngsters with an accepted bridging placement (0 when nobody waits). */
export function shareBridged(bridged: number, waiting: number): number {
  return waiting === 0 ? 0 : bridged / waiting;
}
