/**
 * Catch-up: every service stopped (gracefully), a backlog of `entered` events produced while they
 * are down, then all started again. Measured from the restart to the moment every youngster has
 * a task, every consumer group has zero lag and every outbox is empty: all services have worked
 * off the backlog.
 */
import type { IntakeProducer, TaskObserver } from './load';
import type { BenchSystem } from './system';

export interface CatchUpResult {
  events: number;
  /** From starting the services to all work done. */
  seconds: number;
  eventsPerSecond: number;
  /** Of which: starting until every service was ready. */
  readySeconds: number;
  /** Until the last task was created. */
  tasksSeconds: number;
}

export async function catchUp(
  system: BenchSystem,
  producer: IntakeProducer,
  observer: TaskObserver,
  events: number,
): Promise<CatchUpResult> {
  await system.stop();
  const sent = await producer.burst(events);
  const started = Date.now();
  await system.start();
  const readySeconds = (Date.now() - started) / 1000;
  const tasks = await observer.tasksFor(sent, 600000 + events * 50);
  observer.forget(sent);
  const tasksSeconds = (Math.max(...tasks.map((t) => t.createdAt)) - started) / 1000;
  await system.waitUntilQuiet(600000);
  const seconds = (Date.now() - started) / 1000;
  return { events, seconds, eventsPerSecond: events / seconds, readySeconds, tasksSeconds };
}
