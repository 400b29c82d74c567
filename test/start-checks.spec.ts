import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` says what is missing in one line, before it builds or starts anything. The `java` on
 * the PATH here is a two-line script that prints what an older JVM prints.
 */
const ROOT = join(__dirname, '..');

function startWith(path: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/start.js')], {
    cwd: ROOT,
    env: { PATH: path, HOME: tmpdir() },
    encoding: 'utf8',
    timeout: 30000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm start before anything starts', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'samenspel-java-'));
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('names the Java it needs, and where to get it, when there is no java at all', () => {
    const { status, output } = startWith(bin);
    expect(status).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Samenspel's local Kafka broker needs Java 17 or newer, and no java command is on the PATH: install .*https:\/\/adoptium\.net.*or set KAFKA_BROKERS to a running broker\.$/,
      ),
    ]);
  });

  it.each([
    ['11.0.2', 'java is version 11'],
    ['1.8.0_402', 'java is version 8'],
  ])('refuses Java %s in one line', (version, said) => {
    const java = join(bin, 'java');
    writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2024-01-16' >&2\n`);
    chmodSync(java, 0o755);
    const { status, output } = startWith(bin);
    expect(status).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain(`needs Java 17 or newer, and ${said}:`);
    expect(output).not.toContain('Built in');
  });
});
