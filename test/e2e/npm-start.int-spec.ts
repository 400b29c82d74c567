import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@samenspel/bootstrap';
import { TOPICS } from '@samenspel/contracts';
import { DEFAULT_AUTH_AUDIENCE, type Role } from '@samenspel/http';
import { DEV_ISSUER, devSigningKeysFile, signDevAccessToken } from '@samenspel/identity-provider';
import {
  enteredEvent,
  freePort,
  INTAKE_SYSTEMS,
  launchChromium,
  openSignedIn,
  REPO_ROOT,
  TestKafka,
  toRecord,
  waitFor,
} from '@samenspel/testing';

import packageJson from '../../package.json';

const CONSOLE = 'http://127.0.0.1:3000';

/**
 * The README's first command, as a person runs it on a machine with only Node and Java: build, start
 * everything, use it, Ctrl-C, and start again. No DATABASE_URL is set and nothing answers where
 * PostgreSQL is probed, so npm start runs the embedded PostgreSQL, with its data in a folder of this
 * test's own; the second start finds the first one's data. The broker is the one the test harness
 * found or started; npm start uses it as it is.
 */

/** A bearer header signed as `npm run -s token` signs it: with the key of npm start's own provider. */
async function npmStartHeader(role: Role, claims: { teamId?: string; sub?: string } = {}) {
  const token = await signDevAccessToken(
    { role, ...claims },
    { keysFile: devSigningKeysFile(REPO_ROOT), issuer: DEV_ISSUER, audience: DEFAULT_AUTH_AUDIENCE },
  );
  return { authorization: `Bearer ${token}` };
}

describe('npm start', () => {
  it('starts every service on an embedded PostgreSQL, serves health, auth and docs, stops cleanly on Ctrl-C, and finds its data on the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'samenspel-embedded-'));
    // As root the server runs as the user postgres, which must reach its folder.
    chmodSync(dataDir, 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      POSTGRES_PROBE_PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await aListeningPortBelowEphemeral()),
      EMBEDDED_POSTGRES_DIR: join(dataDir, '18'),
      // The harness's broker already holds every earlier suite's events; new consumer groups start
      // at the end rather than work through them.
      KAFKA_FROM_BEGINNING: 'false',
      // As a person's npm start: the development profile, with its synthetic catalogue.
      NODE_ENV: 'development',
    };
    delete env.DATABASE_URL;
    // As a person's npm start: its own development identity provider on :3005, not the run's.
    for (const name of ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'DEV_IDP_KEYS_FILE', 'DEV_IDP_CONTROL_TOKEN'])
      delete env[name];
    try {
      const first = await npmStart(env);
      let flow: { youthRef: string; taskId: string };
      try {
        expect(first.output()).toContain(
          `PostgreSQL: embedded PostgreSQL 18 on 127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}`,
        );
        await everyServiceAnswers();
        flow = await aWaitlistFlowReachesATask();
        await consoleShowsPushedFlowsAndReplaysFromThePage();
      } finally {
        await first.stop();
      }
      expect(first.output()).toContain('Stopping the embedded PostgreSQL');
      for (const service of SERVICES) expect(first.output()).toContain(`${service.name} stopped (exit 0)`);

      const second = await npmStart(env);
      try {
        expect(second.output()).toContain('Prepared 0 new topics and 0 new databases.');
        expect((await bridgingTaskOf(flow.youthRef))?.id).toBe(flow.taskId);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600000);
});

/**
 * A port a server can listen on, below the ephemeral range (where a client's own connection could
 * take it between this check and the server's start).
 */
async function aListeningPortBelowEphemeral(): Promise<number> {
  for (let port = 15433 + randomInt(2000); ; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** `npm start` as a child process, resolved once it printed every service's URL. */
async function npmStart(
  env: NodeJS.ProcessEnv,
): Promise<{ output: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['scripts/start.js'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  };
  try {
    // The list of URLs may arrive in a later chunk than its heading: wait for every line.
    const urlLines = SERVICES.map((x) => `${x.name.padEnd(18)} http://127.0.0.1:${x.port}`);
    const outcome = await waitFor(
      () => {
        if (child.exitCode !== null) return 'exited';
        return (
          output.includes('Samenspel is running') && urlLines.every((l) => output.includes(l)) && 'ready'
        );
      },
      { timeoutMs: 180000, description: 'every service of npm start ready' },
    );
    if (outcome === 'exited') throw new Error(`npm start exited with ${child.exitCode}`);
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(`${(error as Error).message}; npm start printed:\n${output}`, { cause: error });
  }
  return { output: () => output, stop };
}

/** Health, auth, docs and metrics of every service; each reports the Node line package.json names. */
async function everyServiceAnswers(): Promise<void> {
  const nodeLine = /^\^?(\d+)/.exec(packageJson.engines.node)![1];
  const { authorization } = await npmStartHeader('team-lead', { teamId: 'team-e2e' });
  for (const service of SERVICES) {
    const base = `http://127.0.0.1:${service.port}`;
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { details: unknown }).details).toMatchObject({
      database: { status: 'up' },
      kafka: { status: 'up' },
    });
    const anonymous = await fetch(`${base}/api/v1/service`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const info = await fetch(`${base}/api/v1/service`, { headers: { authorization } });
    expect(await info.json()).toMatchObject({ name: service.name, groupId: `samenspel-${service.name}` });
    const docs = await fetch(`${base}/docs-json`);
    expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'samenspel_outbox_backlog',
      'samenspel_outbox_oldest_age_seconds',
      'samenspel_events_consumed_total',
      'samenspel_dead_letters_total',
      'samenspel_handler_duration_seconds',
      'http_request_duration_seconds',
    ])
      expect(metrics).toContain(name);
    expect([service.name, /nodejs_version_info\{[^}]*major="(\d+)"/.exec(metrics)?.[1]]).toEqual([
      service.name,
      nodeLine,
    ]);
  }
}

/** The youngster's bridging-offer task, read as ops through every page of the task list. */
async function bridgingTaskOf(youthRef: string): Promise<{ id: string; youthRef: string } | undefined> {
  const ops = await npmStartHeader('ops', { sub: 'ops-npm-start' });
  for (let offset = 0; ; offset += 200) {
    const res = await fetch(
      `http://127.0.0.1:3004/api/v1/tasks?type=bridging-offer&limit=200&offset=${offset}`,
      { headers: ops },
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: string; youthRef: string }[]; total: number };
    const found = page.items.find((t) => t.youthRef === youthRef);
    if (found || offset + 200 >= page.total) return found;
  }
}

/** A waiting youngster the development catalogue fits (Utrecht, 13, sport) gets its team task. */
async function aWaitlistFlowReachesATask(): Promise<{ youthRef: string; taskId: string }> {
  const entered = enteredEvent(INTAKE_SYSTEMS[0].source, {
    municipalityCode: 'GM0344',
    ageYears: 13,
    interests: ['sport'],
  });
  const youthRef = String(entered.data.youthRef);
  const kafka = new TestKafka();
  try {
    await kafka.produce(TOPICS.waitlist, [toRecord(entered, 'structured')]);
  } finally {
    await kafka.close();
  }
  const task = await waitFor(() => bridgingTaskOf(youthRef), {
    timeoutMs: 90000,
    intervalMs: 1000,
    description: 'the team task of a waiting youngster',
  });
  return { youthRef, taskId: task.id };
}

/**
 * The console's "done when": with npm start running and a few flows pushed through, the page at
 * http://127.0.0.1:3000/ shows them, and a dead letter is replayed from the page (audited).
 */
async function consoleShowsPushedFlowsAndReplaysFromThePage(): Promise<void> {
  const ops = (await npmStartHeader('ops', { sub: 'ops-npm-start' })).authorization.slice('Bearer '.length);
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${CONSOLE}/api/v1/${path}`, {
      headers: { authorization: `Bearer ${ops}` },
    });
    expect([path, response.status]).toEqual([path, 200]);
    return (await response.json()) as T;
  };
  const source = INTAKE_SYSTEMS[0].source;
  const flows = [enteredEvent(source), enteredEvent(source), enteredEvent(source)];
  // Age 99 breaks the inbound contract: the bridging service dead-letters it with a reason.
  const broken = enteredEvent(source, { ageYears: 99 });
  const kafka = new TestKafka();
  const browser = await launchChromium();
  try {
    await kafka.produce(
      TOPICS.waitlist,
      [...flows, broken].map((e) => toRecord(e, 'structured')),
    );
    type Trace = { steps: { step: string }[] };
    for (const e of flows) {
      await waitFor(async () => (await api<Trace>(`flows/${String(e.data.youthRef)}`)).steps.length >= 2, {
        // On a fresh broker the console first reads every earlier record from the beginning.
        timeoutMs: 120000,
        intervalMs: 500,
        description: 'a pushed flow past its first step in the console',
      });
    }
    type Letters = { items: { id: string; youthRef: string | null; replayable: boolean }[] };
    const letter = await waitFor(
      async () =>
        (await api<Letters>(`dead-letters?topic=${TOPICS.waitlist}&status=open&limit=500`)).items.find(
          (d) => d.youthRef === broken.data.youthRef,
        ),
      { timeoutMs: 60000, intervalMs: 500, description: 'the broken event as a dead letter in the console' },
    );
    expect(letter.replayable).toBe(true);

    const artifacts = join(REPO_ROOT, 'test-artifacts', 'npm-start');
    mkdirSync(artifacts, { recursive: true });
    const page = await browser.newPage();
    await openSignedIn(page, `${CONSOLE}/`, 'ops');
    await page.locator('main[data-loaded="overview"]').waitFor({ timeout: 30000 });
    expect(await page.textContent('main')).toContain('waitlist entered');
    await page.screenshot({ path: join(artifacts, '1-overview.png'), fullPage: true });

    await page.click('nav button[data-page="trace"]');
    await page.fill('#trace-ref', String(flows[0].data.youthRef));
    await page.click('#trace-go');
    await page.locator('#trace-out[data-loaded="1"]').waitFor({ timeout: 30000 });
    expect(await page.textContent('#trace-out')).toContain('waitlist entered');
    await page.screenshot({ path: join(artifacts, '2-trace.png'), fullPage: true });

    await page.click('nav button[data-page="dead letters"]');
    await page.locator('main[data-loaded="dead letters"]').waitFor({ timeout: 30000 });
    await page.click(`button[data-replay="${letter.id}"]`);
    const actions = await waitFor(
      async () => {
        const a = await api<{ action: string; actor: string; targetTopic: string }[]>(
          `dead-letters/${letter.id}/actions`,
        );
        return a.length > 0 && a;
      },
      { timeoutMs: 30000, description: 'the replay from the page in the audit trail' },
    );
    // The replay is the signed-in person's: the development user `ops`, whose subject is its name.
    expect(actions).toMatchObject([{ action: 'replay', actor: 'ops', targetTopic: TOPICS.waitlist }]);
    await page.locator('main[data-loaded="dead letters"]').waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(artifacts, '3-after-replay.png'), fullPage: true });
    // The replayed record arrives again on the waitlist topic; still malformed, it is dead-lettered
    // anew, which the console sees as a second dead letter of the same youngster.
    await waitFor(
      async () =>
        (await api<Letters>(`dead-letters?topic=${TOPICS.waitlist}&limit=500`)).items.filter(
          (d) => d.youthRef === broken.data.youthRef,
        ).length === 2,
      {
        timeoutMs: 60000,
        intervalMs: 500,
        description: 'the replayed record processed (dead-lettered again)',
      },
    );
  } finally {
    await browser.close();
    await kafka.close();
  }
}
