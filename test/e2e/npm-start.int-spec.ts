import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '@samenspel/bootstrap';
import { TOPICS } from '@samenspel/contracts';
import { signDevToken, DEV_JWT_SECRET, DEFAULT_AUTH_AUDIENCE, DEFAULT_AUTH_ISSUER } from '@samenspel/http';
import {
  enteredEvent,
  INTAKE_SYSTEMS,
  launchChromium,
  REPO_ROOT,
  TestKafka,
  toRecord,
  waitFor,
} from '@samenspel/testing';

const CONSOLE = 'http://127.0.0.1:3000';

/**
 * The README's first command, as a person runs it: build, start everything, use it, Ctrl-C.
 * The broker is the one the test harness found or started; npm start uses it as it is.
 */
describe('npm start', () => {
  it('starts every service, serves health, auth and docs, and stops them all cleanly on Ctrl-C', async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    const child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // The list of URLs may arrive in a later chunk than its heading: wait for every line.
      const urlLines = SERVICES.map((x) => `${x.name.padEnd(18)} http://127.0.0.1:${x.port}`);
      await waitFor(
        () => output.includes('Samenspel is running') && urlLines.every((l) => output.includes(l)),
        {
          timeoutMs: 90000,
          description: `start-up:\n${output}`,
        },
      );
      const token = await signDevToken(
        { role: 'team-lead', teamId: 'team-e2e' },
        DEV_JWT_SECRET,
        DEFAULT_AUTH_ISSUER,
        DEFAULT_AUTH_AUDIENCE,
      );
      for (const service of SERVICES) {
        const base = `http://127.0.0.1:${service.port}`;
        expect(output).toContain(`${service.name.padEnd(18)} ${base}`);
        const ready = await fetch(`${base}/health/ready`);
        expect(ready.status).toBe(200);
        expect(((await ready.json()) as { details: unknown }).details).toMatchObject({
          database: { status: 'up' },
          kafka: { status: 'up' },
        });
        const anonymous = await fetch(`${base}/api/v1/service`);
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const info = await fetch(`${base}/api/v1/service`, { headers: { authorization: `Bearer ${token}` } });
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
      }
      await consoleShowsPushedFlowsAndReplaysFromThePage();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    for (const service of SERVICES) expect(output).toContain(`${service.name} stopped (exit 0)`);
  }, 420000);
});

/**
 * The console's "done when": with npm start running and a few flows pushed through, the page at
 * http://127.0.0.1:3000/ shows them, and a dead letter is replayed from the page (audited).
 */
async function consoleShowsPushedFlowsAndReplaysFromThePage(): Promise<void> {
  const ops = await signDevToken(
    { role: 'ops', sub: 'ops-npm-start' },
    DEV_JWT_SECRET,
    DEFAULT_AUTH_ISSUER,
    DEFAULT_AUTH_AUDIENCE,
  );
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
    await page.goto(`${CONSOLE}/#token=${encodeURIComponent(ops)}`);
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
    expect(actions).toMatchObject([
      { action: 'replay', actor: 'ops-npm-start', targetTopic: TOPICS.waitlist },
    ]);
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
