import { delay } from '../consumer/retry-policy';

/**
 * How long a loop woken by a notification still waits so that its passes start at most once every
 * `lingerMs` (0 once that much has passed since the last pass began). Under load, the work of
 * several commits then goes out in one pass (one SELECT, one produce request, one UPDATE) instead
 * of one pass per commit; a loop woken after a quiet spell starts at once.
 */
export function lingerLeft(lastPassStartedAt: number, lingerMs: number, now: number): number {
  if (lingerMs <= 0) return 0;
  return Math.min(lingerMs, Math.max(0, lastPassStartedAt + lingerMs - now));
}

/** Waits out `lingerLeft` of a pass that began at `lastPassStartedAt`. */
export async function lingerAfter(lastPassStartedAt: number, lingerMs: number): Promise<void> {
  const left = lingerLeft(lastPassStartedAt, lingerMs, Date.now());
  if (left > 0) await delay(left);
}
