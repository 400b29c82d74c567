import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileClock, SettableClock, systemClock } from './clock';

describe('the clock', () => {
  it('reads the system time in production', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('tells a test the time it was set to, and moves only when told', () => {
    const clock = new SettableClock(new Date('2026-01-15T09:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-15T09:00:00.000Z');
    clock.advance(3 * 86400000);
    expect(clock.now().toISOString()).toBe('2026-01-18T09:00:00.000Z');
    clock.set(new Date('2026-03-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  describe('read from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clock-'));
    const path = join(dir, 'now');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('runs on in real time from the instant written, since the file was written', () => {
      writeFileSync(path, '2026-02-10T12:00:00.000Z');
      // Written 90 s ago: the clock is 90 s past the instant in the file.
      const writtenAt = new Date(Date.now() - 90000);
      utimesSync(path, writtenAt, writtenAt);
      const elapsed = new FileClock(path).now().getTime() - Date.parse('2026-02-10T12:00:00.000Z');
      expect(elapsed).toBeGreaterThanOrEqual(90000);
      expect(elapsed).toBeLessThan(100000);
    });

    it('follows the file when the test moves the time', () => {
      const clock = new FileClock(path);
      writeFileSync(path, '2026-04-01T08:00:00.000Z');
      expect(clock.now().getTime() - Date.parse('2026-04-01T08:00:00.000Z')).toBeLessThan(5000);
      writeFileSync(path, '2026-05-01T08:00:00.000Z');
      expect(clock.now().getTime() - Date.parse('2026-05-01T08:00:00.000Z')).toBeLessThan(5000);
    });

    it('refuses a file that holds no instant', () => {
      writeFileSync(path, 'soon');
      expect(() => new FileClock(path).now()).toThrow('no ISO 8601 instant');
    });
  });
});
