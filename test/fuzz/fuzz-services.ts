import { createServer } from 'node:net';
import { DEFAULT_DATABASE_URL, startService, type ServiceUnderTest } from '@samenspel/testing';
import { Client } from 'pg';

export const SERVICE_NAMES = [
  'activity',
  'ops-console',
  'referral',
  'waitlist-bridging',
  'notification',
] as const;
type ServiceName = (typeof SERVICE_NAMES)[number];

/** The environment of every fuzzed service. */
export const FUZZ_ENV = {
  // One retry is enough to see a handler fail; the default four make a run wait seconds per failure.
  CONSUMER_MAX_ATTEMPTS: '2',
  // The fuzzer sends hundreds of requests a minute with one token; the limiter is not under test here.
  RATE_LIMIT_PER_MINUTE: '1000000',
};

export interface FuzzedService {
  sut: ServiceUnderTest;
  /** A connection to the service's own (fresh) database, to read its inbox. */
  db: Client;
}

/**
 * Starts every service once, in two waves: five Node processes compiling at once on a busy two-core
 * machine may miss startService's readiness deadline. The bridging service gets the activity URL,
 * and notification the three services its workspace routes call.
 */
export async function startFuzzedServices(): Promise<Map<string, FuzzedService>> {
  const services = new Map<string, FuzzedService>();
  const ports: Partial<Record<ServiceName, number>> = {
    activity: await freePort(),
    referral: await freePort(),
    'waitlist-bridging': await freePort(),
  };
  const env = {
    ...FUZZ_ENV,
    ACTIVITY_URL: `http://127.0.0.1:${ports.activity}`,
    REFERRAL_URL: `http://127.0.0.1:${ports.referral}`,
    BRIDGING_URL: `http://127.0.0.1:${ports['waitlist-bridging']}`,
  };
  const waves: ServiceName[][] = [
    ['activity', 'ops-console'],
    ['referral', 'waitlist-bridging', 'notification'],
  ];
  try {
    for (const wave of waves) {
      const started = await Promise.allSettled(
        wave.map((name) => startService(name, { env, port: ports[name] })),
      );
      for (const s of started)
        if (s.status === 'fulfilled') services.set(s.value.name, await withDatabase(s.value));
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }
  } catch (error) {
    await stopFuzzedServices(services);
    throw error;
  }
  return services;
}

async function withDatabase(sut: ServiceUnderTest): Promise<FuzzedService> {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = `/${sut.databaseName}`;
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  return { sut, db };
}

export async function stopFuzzedServices(services: Map<string, FuzzedService>): Promise<void> {
  await Promise.all(
    [...services.values()].map(async ({ sut, db }) => {
      await db.end();
      await sut.dispose();
    }),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
