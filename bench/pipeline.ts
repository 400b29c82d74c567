/**
 * The waitlist pipeline end to end, on the running system: a waitlist `entered` event produced by
 * an external intake producer → waitlist-bridging (consent, matching, a seat held in the activity
 * service, the offer) → notification → the team's bridging-offer task. Latency runs from the
 * moment the event is handed to the producer to the moment the task is created (`data.at` of
 * `nl.samenspel.task.created.v1`; the moment the observer saw it is kept too).
 */
import type { IntakeProducer, Sent, TaskObserver, TaskSeen } from './load';
import { percentile } from './load';

export interface SustainedResult {
  /** Flows per second over the middle 80% of completions (without the start-up and the tail). */
  steady: number;
  /** Flows per second from the first event produced to the last task created. */
  overall: number;
  count: number;
  seconds: number;
}

/** Produces `count` events as fast as the producer can and measures how fast tasks come out. */
export async function sustained(
  producer: IntakeProducer,
  observer: TaskObserver,
  count: number,
  timeoutMs: number,
): Promise<SustainedResult> {
  const sent = await producer.burst(count);
  const tasks = await observer.tasksFor(sent, timeoutMs);
  observer.forget(sent);
  const created = tasks.map((t) => t.createdAt).sort((a, b) => a - b);
  const first = Math.min(...sent.map((s) => s.sentAt));
  const seconds = (created[created.length - 1] - first) / 1000;
  const lo = Math.floor(count * 0.1);
  const hi = Math.ceil(count * 0.9) - 1;
  const window = (created[hi] - created[lo]) / 1000;
  return {
    steady: window > 0 ? (hi - lo) / window : count / seconds,
    overall: count / seconds,
    count,
    seconds,
  };
}

export interface Percentiles {
  p50: number;
  p99: number;
}

const percentiles = (values: number[]): Percentiles => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
});

export interface LatencyResult {
  rate: number;
  count: number;
  /** Produced → task created, ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Produced → task.created seen on samenspel.task.v1 by the observer, ms. */
  seenP99: number;
  /**
   * Where the time goes: produced → the offer made (waitlist-bridging: consuming the event,
   * matching, the seat held in activity, the offer recorded), and the offer made → the task created
   * (bridging's outbox relay, the broker, notification consuming it and creating the task), ms.
   */
  hops: { toOffer: Percentiles; offerToTask: Percentiles };
  /** When the first flow of the run was produced (ISO 8601): second 0 of `maxBySecond`. */
  startedAt: string;
  /**
   * The slowest flow produced in each second of the run, ms: where a stall was and how long it
   * lasted, to be read beside the services' logs of that moment.
   */
  maxBySecond: number[];
}

/** The slowest flow of each second after the first flow was produced (0 for a second without flows). */
export function slowestBySecond(sentAt: number[], latencyMs: number[]): number[] {
  if (sentAt.length === 0) return [];
  const start = Math.min(...sentAt);
  const slowest: number[] = [];
  sentAt.forEach((at, i) => {
    const second = Math.floor((at - start) / 1000);
    for (let s = slowest.length; s <= second; s++) slowest.push(0);
    slowest[second] = Math.max(slowest[second], latencyMs[i]);
  });
  return slowest;
}

/** An open-loop load at `rate` per second for `seconds`, and the latency of each flow. */
export async function latencyAt(
  producer: IntakeProducer,
  observer: TaskObserver,
  rate: number,
  seconds: number,
  timeoutMs: number,
): Promise<LatencyResult> {
  const sent = await producer.atRate(rate, seconds);
  const tasks = await observer.tasksFor(sent, timeoutMs);
  observer.forget(sent);
  return latencies(rate, sent, tasks);
}

export function latencies(rate: number, sent: Sent[], tasks: TaskSeen[]): LatencyResult {
  const created = sent.map((s, i) => Math.max(0, tasks[i].createdAt - s.sentAt));
  const seen = sent.map((s, i) => Math.max(0, tasks[i].seenAt - s.sentAt));
  const sentAt = sent.map((s) => s.sentAt);
  return {
    rate,
    count: sent.length,
    p50: percentile(created, 50),
    p95: percentile(created, 95),
    p99: percentile(created, 99),
    max: Math.max(...created),
    seenP99: percentile(seen, 99),
    hops: {
      toOffer: percentiles(sent.map((s, i) => Math.max(0, tasks[i].offeredAt - s.sentAt))),
      offerToTask: percentiles(tasks.map((t) => Math.max(0, t.createdAt - t.offeredAt))),
    },
    startedAt: sent.length ? new Date(Math.min(...sentAt)).toISOString() : '',
    maxBySecond: slowestBySecond(sentAt, created),
  };
}

/** One line on the slowest second of a latency run: when it was, and how many seconds passed 1 s. */
export function slowestSecond({ startedAt, maxBySecond }: LatencyResult): string {
  if (maxBySecond.length === 0) return 'no flows';
  const worst = maxBySecond.indexOf(Math.max(...maxBySecond));
  const at = new Date(Date.parse(startedAt) + worst * 1000).toISOString().slice(11, 19);
  const overOne = maxBySecond.filter((ms) => ms > 1000).length;
  return `slowest second: +${worst} s (${at} UTC), its slowest flow ${maxBySecond[worst]} ms; seconds with a flow over 1 s: ${overOne}`;
}

export interface PeakResult {
  /** The highest offered rate whose p99 stayed under the limit (0 when even the first did not). */
  peak: number;
  steps: LatencyResult[];
}

/**
 * Steps the offered rate up (50, 100, 200, 400…) for `seconds` each, until the p99 of a step
 * reaches `limitMs`; the answer is the highest step below it. Every step's flows are waited for
 * to the end, so the next step starts on a system without a backlog.
 */
export async function peakRate(
  producer: IntakeProducer,
  observer: TaskObserver,
  steps: number[],
  seconds: number,
  limitMs: number,
  log: (line: string) => void,
): Promise<PeakResult> {
  const results: LatencyResult[] = [];
  let peak = 0;
  for (const rate of steps) {
    // A step far beyond capacity builds a backlog of (rate - capacity) x seconds: allow for draining it at 50/s.
    const result = await latencyAt(producer, observer, rate, seconds, 120000 + (rate * seconds * 1000) / 50);
    results.push(result);
    log(`    ${rate}/s: p50 ${result.p50} ms, p99 ${result.p99} ms`);
    if (result.p99 >= limitMs) break;
    peak = rate;
  }
  return { peak, steps: results };
}
