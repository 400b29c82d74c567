import { authHeader, startService, waitFor, type ServiceUnderTest } from '@samenspel/testing';

/**
 * A service that another service keeps calling over keep-alive connections never sees them go idle,
 * so a graceful stop that waited for them would run into the 30 s limit and exit 1 (the chaos run's
 * SIGTERM fault, docs/reliability.md). It must answer what is in flight, close those connections
 * and exit 0.
 */
describe('a service stopped while another keeps calling it', () => {
  let activity: ServiceUnderTest;

  beforeAll(async () => {
    activity = await startService('activity');
  });

  afterAll(async () => {
    await activity?.dispose();
  });

  it('closes its keep-alive connections and exits 0 on SIGTERM', async () => {
    const headers = { ...(await authHeader('service')), 'content-type': 'application/json' };
    let calling = true;
    let answered = 0;
    const caller = async () => {
      while (calling) {
        const res = await fetch(`${activity.baseUrl}/api/v1/matching/candidates`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            ageYears: 14,
            postcode4: '3581',
            municipalityCode: 'GM0344',
            interests: ['music'],
            limit: 5,
          }),
        }).catch(() => undefined);
        if (res) {
          await res.text();
          answered += 1;
        } else await new Promise((r) => setTimeout(r, 20));
      }
    };
    const callers = [caller(), caller(), caller()];
    await waitFor(() => answered >= 2000, { timeoutMs: 60000, description: 'the callers to be answered' });
    const stoppedAt = Date.now();

    const exit = await activity.stop('SIGTERM');
    const stopSeconds = (Date.now() - stoppedAt) / 1000;
    calling = false;
    await Promise.all(callers);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopSeconds).toBeLessThan(10);
  });
});
