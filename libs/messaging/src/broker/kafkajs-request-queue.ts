import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 re-arms a timer on every connection after each response, for `throttledUntil -
 * now` milliseconds. Unthrottled, that is negative: Node runs the timer after 1 ms, and the timer
 * re-arms itself. So every open broker connection wakes its process about a thousand times a
 * second for nothing, idle or busy (kafkajs issues 1704 and 1751; Node 24 also prints a
 * TimeoutNegativeWarning). A service holds several connections, so this is a steady share of
 * its CPU.
 *
 * The replacement checks again only when a request waits: when the connection is throttled (at
 * its end), or when requests are pending behind the in-flight limit (every 10 ms, as kafkajs
 * does). A new request that cannot go at once schedules the check itself, and each response
 * checks the queue, so nothing that waits is left unchecked.
 */
export const REPAIRED_KAFKAJS_VERSION = '2.2.4';

/** kafkajs's own interval for pending requests behind the in-flight limit. */
const PENDING_RECHECK_MS = 10;

/** The part of kafkajs's RequestQueue the repair reads and replaces. */
export interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

export function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  if (untilUnthrottled <= 0 && this.pending.length === 0) return;
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : PENDING_RECHECK_MS,
  );
}

const requireFromKafkaJs = createRequire(require.resolve('kafkajs'));

/** kafkajs's RequestQueue class, which its package does not export. */
export function kafkaJsRequestQueue(): { prototype: RequestQueueInternals } {
  return requireFromKafkaJs('./src/network/requestQueue') as { prototype: RequestQueueInternals };
}

export function installedKafkaJsVersion(): string {
  return (requireFromKafkaJs('./package.json') as { version: string }).version;
}

/**
 * Replaces the timer of kafkajs's request queue, once per process. Only for the version it was
 * written against: another version is left as it is (a unit test fails on an upgrade, so that
 * the repair is reviewed, and removed once kafkajs has its own).
 */
export function repairKafkaJsRequestQueue(): boolean {
  if (installedKafkaJsVersion() !== REPAIRED_KAFKAJS_VERSION) return false;
  kafkaJsRequestQueue().prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}
