import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './infrastructure';

/**
 * A TypeScript entry point run as its own Node process (through @swc-node/register), for tests
 * that kill, stop and restart a service. Resolves `started` once the process prints `ready`.
 */
export class ServiceProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private output = '';

  private constructor(entry: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /**
   * Starts the process and, unless `readyPattern` is null, waits until its output matches it
   * (default: a line `ready`).
   */
  static async start(
    entry: string,
    env: Record<string, string>,
    { timeoutMs = 60000, readyPattern = /^ready$/m as RegExp | null } = {},
  ): Promise<ServiceProcess> {
    const proc = new ServiceProcess(entry, env);
    if (readyPattern === null) return proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${entry} not ready in ${timeoutMs} ms:\n${proc.output}`)),
        timeoutMs,
      );
      const onData = () => {
        if (readyPattern.test(proc.output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.child.stdout!.on('data', onData);
      void proc.exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`${entry} exited with ${code} before ready:\n${proc.output}`));
      });
    });
    return proc;
  }

  get logs(): string {
    return this.output;
  }

  /** Sends a signal and waits for the exit. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
