import type { Principal } from '@samenspel/http';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabaseForTheseSpecs, aWebhook } from '../../../../test/medium-test';
import { WebhooksRepository } from '../../webhooks.repository';
import { EnableWebhookCommand } from './enable-webhook.command';
import { EnableWebhook } from './enable-webhook.usecase';

describe('EnableWebhook against PostgreSQL', () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_enable_webhook');
  const webhooks = new WebhooksRepository();
  const sut = new EnableWebhook(webhooks);

  /** A webhook disabled after three failed attempts in a row. */
  async function aDisabledWebhook(teamId: string): Promise<string> {
    const em = spec.db.dataSource.manager;
    const id = await aWebhook(em, teamId);
    for (let i = 0; i < 3; i++) await webhooks.recordFailure(em, id);
    await webhooks.disable(em, id);
    return id;
  }

  const enable = (principal: Principal, webhookId: string) =>
    spec.units.run((uow) => sut.execute(new EnableWebhookCommand({ principal, webhookId }), uow));

  it('turns a disabled webhook on again with its failures reset', async () => {
    const teamId = randomUUID();
    const id = await aDisabledWebhook(teamId);
    const view = await enable({ sub: 'lead-1', role: 'team-lead', teamId }, id);
    expect(view).toMatchObject({ id, status: 'active', consecutiveFailures: 0 });
    expect(view).not.toHaveProperty('disabledAt');
    expect(view).not.toHaveProperty('secret');
  });

  it('answers a team-lead of another team as if the webhook did not exist, and leaves it off', async () => {
    const id = await aDisabledWebhook(randomUUID());
    await expect(
      enable({ sub: 'lead-2', role: 'team-lead', teamId: randomUUID() }, id),
    ).rejects.toMatchObject({
      status: 404,
      code: 'webhook-not-found',
    });
    expect(await webhooks.find(spec.db.dataSource.manager, id)).toMatchObject({ status: 'disabled' });
  });

  it('lets an admin enable any team’s webhook', async () => {
    const id = await aDisabledWebhook(randomUUID());
    expect(await enable({ sub: 'admin-1', role: 'admin' }, id)).toMatchObject({ status: 'active' });
  });
});
