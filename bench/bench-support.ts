import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
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
    at: new Date().toISOString(),
  };
}

export interface Measurement {
  name: string;
  unit: string;
  runs: number[];
  median: number;
  note?: string;
}

export function measurement(name: string, unit: string, runs: number[], note?: string): Measurement {
  return {
    name,
    unit,
    runs: runs.map((r) => Math.round(r * 10) / 10),
    median: Math.round(median(runs) * 10) / 10,
    note,
  };
}

export function report(title: string, results: Measurement[], extra: Record<string, unknown> = {}): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = [
    title,
    '',
    `${'measure'.padEnd(width)}  ${'median'.padStart(12)}  unit        runs`,
    ...results.map(
      (r) =>
        `${r.name.padEnd(width)}  ${String(r.median).padStart(12)}  ${r.unit.padEnd(10)}  ${r.runs.join(', ')}${r.note ? `  (${r.note})` : ''}`,
    ),
  ];
  const dir = resolve(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ title, machine: machine(), results, ...extra }, null, 2));
  lines.push('', `machine: ${JSON.stringify(machine())}`, `written: ${file}`);
  return lines.join('\n');
}
