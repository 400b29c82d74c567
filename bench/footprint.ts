/**
 * Footprint: resident memory (VmRSS of /proc/<pid>/status) of each service process, at idle and
 * under load (the highest of samples taken every 250 ms during a phase); and the CPU time each
 * process spends per flow, which tells where a flow's cost goes even on a busy machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BenchSystem } from './system';
import { residentMiB } from './system';

export type Resident = Record<string, number>;

export function residentNow(system: BenchSystem): Resident {
  return Object.fromEntries(system.services.map((s) => [s.name, round(residentMiB(s.pid()))]));
}

/** Samples every service until stopped; returns each one's highest figure. */
export function sampleResident(system: BenchSystem, intervalMs = 250): { stop(): Resident } {
  const peak: Resident = residentNow(system);
  const timer = setInterval(() => {
    for (const s of system.services) {
      try {
        peak[s.name] = Math.max(peak[s.name] ?? 0, round(residentMiB(s.pid())));
      } catch {
        // a service that is restarting has no figure for this sample
        continue;
      }
    }
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { ...peak };
    },
  };
}

function round(mib: number): number {
  return Math.round(mib * 10) / 10;
}

/** CPU time (user + system) a process has used so far, in seconds (/proc/<pid>/stat, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces) start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds used so far by every service, by the private broker when there is one, by
 * PostgreSQL (all its processes on this machine, `postgres`) and by the bench process itself (the
 * intake producer and the task observer). Together that is nearly all the machine does in a run.
 */
export function cpuNow(system: BenchSystem, kafkaPid?: number): Record<string, number> {
  const used: Record<string, number> = Object.fromEntries(
    system.services.map((s) => [s.name, cpuSeconds(s.pid())]),
  );
  if (kafkaPid) used.kafka = cpuSeconds(kafkaPid);
  used.postgresql = postgresCpuSeconds();
  const self = process.cpuUsage();
  used.bench = (self.user + self.system) / 1e6;
  used.machine = machineBusySeconds();
  return used;
}

/**
 * CPU seconds the whole machine has been busy so far, over all its CPUs (/proc/stat: user, nice,
 * system, irq, softirq and steal; 100 ticks a second): every process, including those that came
 * and went between two readings, which per-process figures miss.
 */
export function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * CPU seconds of every process named `postgres` alive now. A process that ends between two
 * readings (an autovacuum worker, a closed connection) takes its time with it, so this is a lower
 * bound, and it varies from run to run; `machine` counts everything.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      total += cpuSeconds(Number(entry));
    } catch {
      // the process ended while we looked
      continue;
    }
  }
  return total;
}

/** CPU milliseconds per flow of each process between two readings. */
export function cpuPerFlow(
  before: Record<string, number>,
  after: Record<string, number>,
  flows: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.round(((after[k] - (before[k] ?? 0)) * 10000) / flows) / 10]),
  );
}
