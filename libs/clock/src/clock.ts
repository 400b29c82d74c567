import { readFileSync, statSync } from 'node:fs';

/**
 * The current time, as a port: the instant a service stamps on its own events and decides by.
 * Production reads the system clock; a test process sets it, so that months of flows run in
 * minutes. Infrastructure timing (retries, timeouts, polling, durations) keeps the real clock.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The system's clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export const systemClock: Clock = new SystemClock();

/** A clock in the test's own process, set and moved by the test. */
export class SettableClock extends Clock {
  constructor(private at: Date) {
    super();
  }

  now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = new Date(at.getTime());
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/**
 * The clock of a service process under test: the file at `path` holds an ISO 8601 instant, and
 * the clock runs on from it in real time since the file was written (its mtime), so that every
 * process reading the file tells the same time and events of one moment keep their order. A test
 * moves the time of all its service processes by writing the file.
 */
export class FileClock extends Clock {
  constructor(private readonly path: string) {
    super();
  }

  now(): Date {
    const writtenAt = statSync(this.path).mtimeMs;
    const at = Date.parse(readFileSync(this.path, 'utf8').trim());
    if (Number.isNaN(at)) throw new Error(`the clock file holds no ISO 8601 instant`);
    return new Date(at + Math.max(0, Date.now() - writtenAt));
  }
}
