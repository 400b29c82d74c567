import { authHeader, signInPort, startService, waitFor, type ServiceUnderTest } from '@samenspel/testing';

/** A running ops console and a small authenticated client for its API. */
export interface OpsConsole {
  sut: ServiceUnderTest;
  get<T = unknown>(path: string, role?: 'ops' | 'admin'): Promise<T>;
  post<T = unknown>(path: string, body: unknown, sub?: string): Promise<{ status: number; body: T }>;
  status(path: string, headers: Record<string, string>): Promise<number>;
}

/** Starts the console on the port the run's identity provider knows it by, so a browser can sign in. */
export async function startOpsConsole(env: Record<string, string>): Promise<OpsConsole> {
  const sut = await startService('ops-console', {
    env: { THROUGHPUT_SAMPLE_INTERVAL_MS: '500', ...env },
    port: signInPort('ops-console'),
  });
  const ops = await authHeader('ops', { sub: 'ops-tester' });
  const client: OpsConsole = {
    sut,
    async get<T>(path: string, role: 'ops' | 'admin' = 'ops') {
      const headers = role === 'ops' ? ops : await authHeader('admin');
      const res = await fetch(`${sut.baseUrl}/api/v1/${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (res.headers.get('content-type')?.includes('json') ? res.json() : res.text()) as Promise<T>;
    },
    async post<T>(path: string, body: unknown, sub = 'ops-tester') {
      const res = await fetch(`${sut.baseUrl}/api/v1/${path}`, {
        method: 'POST',
        headers: { ...(await authHeader('ops', { sub })), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async status(path: string, headers: Record<string, string>) {
      return (await fetch(`${sut.baseUrl}/api/v1/${path}`, { headers })).status;
    },
  };
  await waitFor(async () => (await client.get<{ joined: boolean }>('monitor/status')).joined, {
    timeoutMs: 60000,
    description: 'the flow monitor joined its group',
  });
  return client;
}

export interface FlowStep {
  step: string;
  type: string | null;
  source: string | null;
  topic: string;
  partition: number;
  offset: string;
  valid: boolean;
  deadLetter: boolean;
  refs: Record<string, string>;
}

/** The youngster's timeline once it holds at least `steps` entries. */
export function traceOf(ops: OpsConsole, youthRef: string, steps: number): Promise<FlowStep[]> {
  return waitFor(
    async () => {
      const flow = await ops.get<{ steps: FlowStep[] }>(`flows/${youthRef}`);
      return flow.steps.length >= steps && flow.steps;
    },
    { timeoutMs: 30000, intervalMs: 200, description: `${steps} steps in the flow of ${youthRef}` },
  );
}
