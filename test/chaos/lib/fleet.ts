import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, waitFor } from '@samenspel/testing';
import { freePort } from './private-infra';
import type { Snapshot } from './snapshot';

/** The services that run twice: every event consumer, and the activity service they call. */
export const FLEET_SERVICES = ['activity', 'waitlist-bridging', 'referral', 'notification'] as const;
export type FleetService = (typeof FLEET_SERVICES)[number];

export interface FleetEvent {
  at: number;
  instance: string;
  what: string;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** A compiled service running as its own Node process, its output appended to the instance's log file. */
class ServiceProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** The last part of the output, for error messages. */
  tail = '';

  constructor(snapshot: Snapshot, service: string, env: Record<string, string>, log: WriteStream) {
    this.child = spawn(process.execPath, ['-r', snapshot.register, snapshot.entry(service)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => {
      log.write(d);
      this.tail = (this.tail + d.toString()).slice(-4000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  stop(signal: NodeJS.Signals): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/**
 * One instance of a service: its own port, the service's own database and consumer group (shared
 * with its twin). It can be killed, stopped, paused and started again on the same port.
 */
export class ServiceInstance {
  proc?: ServiceProcess;
  /** Exits nobody asked for (a crash): the chaos run counts them and starts the instance again. */
  unexpectedExits = 0;
  private expectingExit = false;
  private generation = 0;
  private readonly log: WriteStream;

  constructor(
    readonly service: FleetService,
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly snapshot: Snapshot,
    logDir: string,
    private readonly onEvent: (event: FleetEvent) => void,
  ) {
    this.log = createWriteStream(join(logDir, `${name.replace('#', '-')}.log`), { flags: 'a' });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.proc?.child.pid;
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    this.log.write(`----- ${new Date().toISOString()} start -----\n`);
    const proc = new ServiceProcess(
      this.snapshot,
      this.service,
      { ...this.env, PORT: String(this.port) },
      this.log,
    );
    this.proc = proc;
    this.expectingExit = false;
    void proc.exited.then(({ code, signal }) => {
      this.log.write(`----- ${new Date().toISOString()} exit ${signal ?? code} -----\n`);
      if (this.expectingExit || generation !== this.generation) return;
      this.unexpectedExits += 1;
      this.onEvent({ at: Date.now(), instance: this.name, what: `exited by itself (${signal ?? code})` });
      // Keep the fleet whole: a crashed instance is started again, as a supervisor would.
      void this.start()
        .then(() => this.ready())
        .catch((error: Error) =>
          this.onEvent({ at: Date.now(), instance: this.name, what: `restart failed: ${error.message}` }),
        );
    });
    await this.ready();
  }

  /** Waits until /health/ready answers 200 (database, broker and consumer group joined). */
  async ready(timeoutMs = 180000): Promise<void> {
    await waitFor(
      async () => {
        if (!this.proc || this.proc.child.exitCode !== null) return false;
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) });
        return res.ok;
      },
      { timeoutMs, intervalMs: 250, description: `${this.name} ready` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.proc?.tail ?? ''}`);
    });
  }

  /** Sends the signal and waits for the exit; returns the exit code or signal. */
  async stop(signal: NodeJS.Signals): Promise<Exit> {
    if (!this.proc) return { code: null, signal: null };
    this.expectingExit = true;
    return this.proc.stop(signal);
  }

  pause(): void {
    this.proc?.child.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.child.kill('SIGCONT');
  }

  closeLog(): void {
    this.log.end();
  }
}

/** Two instances of each fleet service on one private broker and database server. */
export class Fleet {
  readonly instances: ServiceInstance[] = [];
  readonly events: FleetEvent[] = [];

  private constructor() {}

  static async create(
    snapshot: Snapshot,
    logDir: string,
    kafkaBrokers: string,
    databaseUrl: string,
    extraEnv: Record<string, string> = {},
  ): Promise<Fleet> {
    const fleet = new Fleet();
    const ports = new Map<string, number>();
    for (const service of FLEET_SERVICES) {
      for (const n of [1, 2]) ports.set(`${service}#${n}`, await freePort());
    }
    for (const service of FLEET_SERVICES) {
      for (const n of [1, 2]) {
        const name = `${service}#${n}`;
        const env: Record<string, string> = {
          NODE_ENV: 'test',
          LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
          KAFKA_BROKERS: kafkaBrokers,
          DATABASE_URL: databaseUrl,
          // A private broker: the groups start at the oldest event, so nothing sent before a join is missed.
          KAFKA_FROM_BEGINNING: 'true',
          ...extraEnv,
        };
        // Each bridging instance calls its own activity instance: killing one leaves the other path.
        if (service === 'waitlist-bridging')
          env.ACTIVITY_URL = `http://127.0.0.1:${ports.get(`activity#${n}`)}`;
        fleet.instances.push(
          new ServiceInstance(service, name, ports.get(name)!, env, snapshot, logDir, (e) =>
            fleet.events.push(e),
          ),
        );
      }
    }
    return fleet;
  }

  of(service: FleetService): ServiceInstance[] {
    return this.instances.filter((i) => i.service === service);
  }

  /** The activity service first (the others call it), then the rest, two at a time. */
  async start(): Promise<void> {
    for (const service of FLEET_SERVICES) {
      // The first instance runs the migrations alone; its twin then starts on a ready schema.
      const [first, second] = this.of(service);
      await first.start();
      await second.start();
    }
  }

  async allReady(timeoutMs = 180000): Promise<void> {
    await Promise.all(this.instances.map((i) => i.ready(timeoutMs)));
  }

  /**
   * Replaces the instances that stayed unready (a consumer that never rejoined its group, say) with
   * fresh ones, as an orchestrator's liveness probe would; returns their names.
   */
  async replaceUnready(): Promise<string[]> {
    const stuck: ServiceInstance[] = [];
    for (const i of this.instances) {
      const ok = await fetch(`${i.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
        (res) => res.ok,
        () => false,
      );
      if (!ok) stuck.push(i);
    }
    for (const i of stuck) {
      await i.stop('SIGKILL');
      await i.start();
    }
    return stuck.map((i) => i.name);
  }

  get unexpectedExits(): number {
    return this.instances.reduce((n, i) => n + i.unexpectedExits, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.stop('SIGKILL')));
  }

  closeLogs(): void {
    for (const i of this.instances) i.closeLog();
  }
}
