import { FLEET_SERVICES, type Fleet, type FleetService, type ServiceInstance } from './fleet';
import type { PrivateKafka, PrivatePostgres } from './private-infra';

export type FaultKind = 'kill -9' | 'SIGTERM' | 'kafka restart' | 'postgres restart' | 'consumer pause';

export interface Fault {
  kind: FaultKind;
  /** The instance it hits (none for the broker and the database). */
  target?: string;
}

export interface FaultResult extends Fault {
  startedAt: string;
  /** From the fault until every instance answered ready again. */
  recoveryMs: number;
  note?: string;
  /** True when the fault itself misbehaved (a SIGTERM that did not exit 0, a fleet that did not recover). */
  failed: boolean;
}

/** The consumer group members are evicted after this long without a heartbeat (libs/messaging sessionTimeout). */
const SESSION_TIMEOUT_MS = 10000;
const CONSUMERS: FleetService[] = ['waitlist-bridging', 'referral', 'notification'];

/**
 * One round per repetition: kill -9 and SIGTERM of each service (the first or the second instance,
 * by turns), a broker restart, a database restart and a pause of a consumer (by turns), interleaved
 * so that no two faults of one kind follow each other.
 */
export function faultSchedule(repetitions: number, only?: readonly FaultKind[]): Fault[] {
  const faults: Fault[] = [];
  for (let round = 0; round < repetitions; round++) {
    const n = (round % 2) + 1;
    const other = 3 - n;
    const services = FLEET_SERVICES.map((_s, i) => FLEET_SERVICES[(i + round) % FLEET_SERVICES.length]);
    faults.push(
      { kind: 'kill -9', target: `${services[0]}#${n}` },
      { kind: 'SIGTERM', target: `${services[1]}#${other}` },
      { kind: 'kafka restart' },
      { kind: 'kill -9', target: `${services[2]}#${n}` },
      { kind: 'consumer pause', target: `${CONSUMERS[round % CONSUMERS.length]}#${n}` },
      { kind: 'SIGTERM', target: `${services[3]}#${other}` },
      { kind: 'postgres restart' },
      { kind: 'kill -9', target: `${services[1]}#${other}` },
      { kind: 'SIGTERM', target: `${services[0]}#${n}` },
      { kind: 'kill -9', target: `${services[3]}#${n}` },
      { kind: 'SIGTERM', target: `${services[2]}#${other}` },
    );
  }
  return only ? faults.filter((f) => only.includes(f.kind)) : faults;
}

/** Injects one fault and waits until the whole fleet is ready again. */
export async function inject(
  fault: Fault,
  fleet: Fleet,
  kafka: PrivateKafka,
  postgres: PrivatePostgres,
): Promise<FaultResult> {
  const started = Date.now();
  const instance = fault.target ? fleet.instances.find((i) => i.name === fault.target) : undefined;
  let note: string | undefined;
  let failed = false;
  switch (fault.kind) {
    case 'kill -9': {
      await instance!.stop('SIGKILL');
      await instance!.start();
      break;
    }
    case 'SIGTERM': {
      const exit = await instance!.stop('SIGTERM');
      note = `exited ${exit.signal ?? exit.code} after ${Date.now() - started} ms`;
      if (exit.code !== 0) failed = true;
      await instance!.start();
      break;
    }
    case 'kafka restart':
      await kafka.restart();
      break;
    case 'postgres restart':
      await postgres.restart();
      break;
    case 'consumer pause':
      await pauseLongEnoughToRebalance(instance!);
      break;
  }
  try {
    await fleet.allReady();
  } catch (error) {
    failed = true;
    const replaced = await fleet.replaceUnready();
    note =
      `${note ?? ''} not ready again: ${(error as Error).message.split('\n')[0]}; replaced ${replaced.join(', ')}`.trim();
    await fleet.allReady();
  }
  return {
    ...fault,
    startedAt: new Date(started).toISOString(),
    recoveryMs: Date.now() - started,
    ...(note && { note }),
    failed,
  };
}

/** SIGSTOP past the session timeout, so the group evicts the member and its twin takes its partitions; then SIGCONT. */
async function pauseLongEnoughToRebalance(instance: ServiceInstance): Promise<void> {
  instance.pause();
  try {
    // The one deliberate wait of the run: the fault *is* a member that stays silent this long.
    await new Promise((r) => setTimeout(r, SESSION_TIMEOUT_MS + 5000));
  } finally {
    instance.resume();
  }
}
