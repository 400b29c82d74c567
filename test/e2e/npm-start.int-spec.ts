import { execFileSync, spawn } from 'node:child_process';
import { SERVICES } from '@samenspel/bootstrap';
import { signDevToken, DEV_JWT_SECRET, DEFAULT_AUTH_AUDIENCE, DEFAULT_AUTH_ISSUER } from '@samenspel/http';
import { REPO_ROOT, waitFor } from '@samenspel/testing';

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
      await waitFor(() => output.includes('Samenspel is running'), {
        timeoutMs: 90000,
        description: `start-up:\n${output}`,
      });
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
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    for (const service of SERVICES) expect(output).toContain(`${service.name} stopped (exit 0)`);
  });
});
