import { authHeader, launchChromium, startService, type ServiceUnderTest } from '@samenspel/testing';

/**
 * The HTTP edge of a real service process (activity) against hostile input: security headers,
 * a body over the limit, a caller over its rate limit, and fields the DTO does not allow.
 */
const RATE_LIMIT = 20;

describe('the HTTP edge of a running service under hostile input', () => {
  let activity: ServiceUnderTest;

  beforeAll(async () => {
    activity = await startService('activity', {
      env: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), HTTP_BODY_LIMIT: '16kb' },
    });
  }, 90000);

  afterAll(async () => {
    await activity?.dispose();
  });

  const api = (path: string, init: RequestInit = {}) => fetch(`${activity.baseUrl}/api/v1${path}`, init);
  const postTeam = async (body: string, sub: string) =>
    api('/teams', {
      method: 'POST',
      headers: { ...(await authHeader('admin', { sub })), 'content-type': 'application/json' },
      body,
    });

  it('sends the security headers on API answers, and none that names the framework', async () => {
    const res = await api('/teams', { headers: await authHeader('admin', { sub: 'edge-headers' }) });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('still renders Swagger UI at /docs under that Content-Security-Policy, with no violation', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${activity.baseUrl}/docs`);
      await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20000 });

      expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('Samenspel activity');
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60000);

  it('refuses a body over HTTP_BODY_LIMIT with 413 problem+json, before validating it', async () => {
    // 16 kB is the limit here; a team name of 20 000 characters makes the body larger.
    const body = JSON.stringify({
      name: 'x'.repeat(20000),
      organisation: 'o',
      municipalityCodes: ['GM0344'],
    });
    const res = await postTeam(body, 'edge-oversized');

    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: 'https://samenspel.nl/problems/payload-too-large',
      status: 413,
      instance: '/api/v1/teams',
    });
  });

  it('answers unknown fields and too long strings with 400 problem+json naming each field', async () => {
    const res = await postTeam(
      JSON.stringify({
        name: 'n'.repeat(201),
        organisation: 'Stichting (synthetic)',
        municipalityCodes: ['GM0344'],
        bsn: '123456782',
      }),
      'edge-validation',
    );

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { type: string; errors: { field: string; messages: string[] }[] };
    expect(problem.type).toBe('https://samenspel.nl/problems/validation-failed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'bsn', messages: ['is not a known field of this request'] },
        { field: 'name', messages: ['must be shorter than or equal to 200 characters'] },
      ]),
    );
    expect(JSON.stringify(problem)).not.toContain('123456782');
  });

  it('limits one token to RATE_LIMIT_PER_MINUTE with 429 problem+json, while another token is served', async () => {
    const busy = await authHeader('ops', { sub: 'edge-busy-caller' });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < RATE_LIMIT + 5 && !limited; i++) {
      const res = await api('/teams', { headers: busy });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }

    expect(statuses.slice(0, RATE_LIMIT)).toEqual(Array(RATE_LIMIT).fill(200));
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.headers.get('content-type')).toContain('application/problem+json');
    expect(await limited!.json()).toMatchObject({
      type: 'https://samenspel.nl/problems/too-many-requests',
      status: 429,
    });

    const other = await api('/teams', { headers: await authHeader('ops', { sub: 'edge-quiet-caller' }) });
    expect(other.status).toBe(200);
    const ready = await fetch(`${activity.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
