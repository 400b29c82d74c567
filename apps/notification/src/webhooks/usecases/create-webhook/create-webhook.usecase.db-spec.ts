import type { Principal } from '@samenspel/http';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabaseForTheseSpecs } from '../../../../test/medium-test';
import { WebhookClient } from '../../webhook-client';
import { WebhooksRepository } from '../../webhooks.repository';
import { CreateWebhookCommand } from './create-webhook.command';
import { CreateWebhook } from './create-webhook.usecase';

describe('CreateWebhook against PostgreSQL', () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_create_webhook');
  const webhooks = new WebhooksRepository();
  const sut = new CreateWebhook(webhooks, new WebhookClient(['localhost:9002', '127.0.0.1:9000']));

  const create = (principal: Principal, fields: { events: string[]; teamId?: string; url?: string }) =>
    spec.units.run((uow) =>
      sut.execute(new CreateWebhookCommand({ principal, url: 'https://example.org/hook', ...fields }), uow),
    );

  it("registers a team-lead's webhook for their own team, each event once, and shows its secret", async () => {
    const teamId = randomUUID();
    const view = await create(
      { sub: 'lead-1', role: 'team-lead', teamId },
      { events: ['task.created', 'task.overdue', 'task.created'] },
    );
    expect(view).toMatchObject({
      teamId,
      url: 'https://example.org/hook',
      events: ['task.created', 'task.overdue'],
      status: 'active',
      consecutiveFailures: 0,
    });
    expect(view.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(await webhooks.find(spec.db.dataSource.manager, view.id)).toMatchObject({
      created_by: 'lead-1',
      secret: view.secret,
    });
  });

  it('refuses an admin who names no team', async () => {
    await expect(
      create({ sub: 'admin-1', role: 'admin' }, { events: ['task.created'] }),
    ).rejects.toMatchObject({
      status: 422,
      code: 'team-required',
    });
  });

  it("refuses a team-lead who names another team's", async () => {
    await expect(
      create(
        { sub: 'lead-1', role: 'team-lead', teamId: randomUUID() },
        { events: ['task.created'], teamId: randomUUID() },
      ),
    ).rejects.toMatchObject({ status: 403, code: 'other-team' });
  });

  it.each([
    ['http://127.0.0.1:3000/api', 'loopback'],
    ['http://localhost:3004/metrics', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud-metadata'],
    ['http://[fd00:ec2::254]/', 'cloud-metadata'],
    ['http://[::ffff:127.0.0.1]:3000/', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/', 'cloud-metadata'],
    ['https://10.0.0.8/hook', 'private'],
    ['https://100.64.1.1/hook', 'shared'],
    ['http://0.0.0.0:3002/', 'unspecified'],
    ['http://127.0.0.1:9001/', 'loopback'],
    ['https://hooks.invalid/', undefined],
  ])('refuses %s as %s, naming the field but not the URL, and stores nothing', async (url, kind) => {
    const teamId = randomUUID();
    const refusal = create({ sub: 'lead-1', role: 'team-lead', teamId }, { events: ['task.created'], url });
    if (kind === undefined) {
      // A name that does not resolve yet passes: each delivery checks the address it connects to.
      await expect(refusal).resolves.toMatchObject({ url });
      return;
    }
    const error = await refusal.then(
      () => undefined,
      (e: unknown) => e as Error & { code: string; extensions: object },
    );
    expect(error).toMatchObject({ code: 'validation-failed', extensions: { errors: [{ field: 'url' }] } });
    expect(JSON.stringify(error?.extensions)).toContain(kind);
    expect(`${error?.message} ${JSON.stringify(error?.extensions)}`).not.toContain(new URL(url).hostname);
    expect(await webhooks.listOfTeam(spec.db.dataSource.manager, teamId)).toEqual([]);
  });

  it('registers an on-premise receiver its host:port entry names, whatever its address', async () => {
    const lead: Principal = { sub: 'lead-1', role: 'team-lead', teamId: randomUUID() };
    for (const url of ['http://localhost:9002/in', 'http://127.0.0.1:9000/in']) {
      expect(await create(lead, { events: ['task.created'], url })).toMatchObject({ url, status: 'active' });
    }
  });
});
