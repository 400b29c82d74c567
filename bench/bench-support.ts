import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const ROOT = resolve(__dirname, '..');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What machine and load produced a figure: reported next to every result. */
export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    /** 1, 5 and 15 minute load averages: a loaded machine makes every figure worse. */
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    at: new Date().toISOString(),
  };
}

export interface Measurement {
  name: string;
  unit: string;
  runs: number[];
  median: number;
  note?: string;
  /** The figure the requirement asks for, and whether the median meets it. */
  target?: { op: '>=' | '<='; value: number };
}

export function measurement(
  name: string,
  unit: string,
  runs: number[],
  note?: string,
  target?: Measurement['target'],
): Measurement {
  return {
    name,
    unit,
    runs: runs.map((r) => Math.round(r * 10) / 10),
    median: Math.round(median(runs) * 10) / 10,
    note,
    target,
  };
}

export function meetsTarget(m: Measurement): boolean | undefined {
  if (!m.target) return undefined;
  return m.target.op === '>=' ? m.median >= m.target.value : m.median <= m.target.value;
}

/** Prints one table of medians (with targets and the runs behind each) and writes it all as JSON. */
export function report(title: string, results: Measurement[], extra: Record<string, unknown> = {}): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const target = (r: Measurement) => {
    const ok = meetsTarget(r);
    return ok === undefined ? '' : `${r.target!.op} ${r.target!.value} ${ok ? 'met' : 'MISSED'}`;
  };
  const targetWidth = Math.max(6, ...results.map((r) => target(r).length));
  const lines = [
    title,
    '',
    `${'measure'.padEnd(width)}  ${'median'.padStart(10)}  ${'unit'.padEnd(9)}  ${'target'.padEnd(targetWidth)}  runs`,
    ...results.map(
      (r) =>
        `${r.name.padEnd(width)}  ${String(r.median).padStart(10)}  ${r.unit.padEnd(9)}  ${target(r).padEnd(targetWidth)}  ${r.runs.join(', ')}${r.note ? `  (${r.note})` : ''}`,
    ),
  ];
  const dir = resolve(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const file = resolve(dir, `${slug}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { title, machine: machine(), results: results.map((r) => ({ ...r, met: meetsTarget(r) })), ...extra },
      null,
      2,
    ),
  );
  lines.push('', `machine: ${JSON.stringify(machine())}`, `written: ${file}`);
  return lines.join('\n');
}
