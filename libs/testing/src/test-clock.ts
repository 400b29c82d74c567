import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The clock of the service processes a test starts: pass `env` to startService, and `set` moves
 * their time (each reads the file; see FileClock in @samenspel/clock).
 */
export class TestClock {
  private readonly dir = mkdtempSync(join(tmpdir(), 'samenspel-clock-'));
  readonly path = join(this.dir, 'now');

  constructor(at: Date) {
    this.set(at);
  }

  /** The services' time runs on from `at`. */
  set(at: Date): void {
    writeFileSync(this.path, at.toISOString());
  }

  get env(): Record<string, string> {
    return { CLOCK_FILE: this.path };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
