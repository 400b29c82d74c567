import { authHeader, startService, type ServiceUnderTest } from '@samenspel/testing';

describe('a service started on its own (the referral shell)', () => {
  let sut: ServiceUnderTest | undefined;
  afterAll(async () => sut?.dispose());

  it('creates its database, runs migrations, is ready, and exits 0 on SIGTERM', async () => {
    sut = await startService('referral');
    const info = await fetch(`${sut.baseUrl}/api/v1/service`, { headers: await authHeader('ops') });
    expect(await info.json()).toMatchObject({ name: 'referral', groupId: sut.groupId });
    const ready = (await (await fetch(`${sut.baseUrl}/health/ready`)).json()) as {
      details: Record<string, unknown>;
    };
    expect(Object.keys(ready.details).sort()).toEqual(['consumers', 'database', 'kafka']);
    expect(await sut.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
