import type { Principal } from '@samenspel/http';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabaseForTheseSpecs, aWebhook } from '../../../../test/medium-test';
import { DeliveriesRepository } from '../../deliveries.repository';
import { WebhooksRepository } from '../../webhooks.repository';
import { DeleteWebhookCommand } from './delete-webhook.command';
import { DeleteWebhook } from './delete-webhook.usecase';

describe('DeleteWebhook against PostgreSQL', () => {
  const spec = aNotificationDatabaseForTheseSpecs('notification_delete_webhook');
  const webhooks = new WebhooksRepository();
  const deliveries = new DeliveriesRepository();
  const sut = new DeleteWebhook(webhooks, deliveries);

  /** A webhook of the team with two deliveries waiting: one new, one after a failed attempt. */
  async function aWebhookWithPendingDeliveries(teamId: string): Promise<string> {
    const em = spec.db.dataSource.manager;
    const id = await aWebhook(em, teamId);
    expect(await deliveries.enqueueWebhooks(em, teamId, 'task.created', { type: 'task.created' })).toBe(1);
    await deliveries.enqueueWebhooks(em, teamId, 'task.created', { type: 'task.created' });
    const [first] = (await deliveries.listForWebhook(em, id, 1, 0)).items;
    await deliveries.markAttemptFailed(em, first.id, {
      statusCode: 500,
      error: 'HTTP 500',
      nextAttemptAt: new Date(),
    });
    return id;
  }

  const remove = (principal: Principal, webhookId: string) =>
    spec.units.run((uow) => sut.execute(new DeleteWebhookCommand({ principal, webhookId }), uow));

  const pendingOf = async (webhookId: string) =>
    (await deliveries.claimDue(spec.db.dataSource.manager, new Date(Date.now() + 60_000), 100)).filter(
      (d) => d.webhook_id === webhookId,
    );

  it("deletes a team-lead's own webhook with its log, leaving the worker nothing pending to send", async () => {
    const teamId = randomUUID();
    const id = await aWebhookWithPendingDeliveries(teamId);
    expect(await pendingOf(id)).toHaveLength(2);

    await remove({ sub: 'lead-1', role: 'team-lead', teamId }, id);

    expect(await webhooks.find(spec.db.dataSource.manager, id)).toBeUndefined();
    expect(await pendingOf(id)).toEqual([]);
    expect((await deliveries.listForWebhook(spec.db.dataSource.manager, id, 10, 0)).total).toBe(0);
    // Later task changes of the team enqueue nothing for it.
    expect(await deliveries.enqueueWebhooks(spec.db.dataSource.manager, teamId, 'task.created', {})).toBe(0);
  });

  it('answers a team-lead of another team as if the webhook did not exist, and keeps it', async () => {
    const id = await aWebhookWithPendingDeliveries(randomUUID());
    await expect(
      remove({ sub: 'lead-2', role: 'team-lead', teamId: randomUUID() }, id),
    ).rejects.toMatchObject({
      status: 404,
      code: 'webhook-not-found',
    });
    expect(await webhooks.find(spec.db.dataSource.manager, id)).toMatchObject({ status: 'active' });
    expect(await pendingOf(id)).toHaveLength(2);
  });

  it("lets an admin delete any team's webhook, and answers 404 for one that is gone", async () => {
    const id = await aWebhookWithPendingDeliveries(randomUUID());
    const admin: Principal = { sub: 'admin-1', role: 'admin' };
    await remove(admin, id);
    expect(await webhooks.find(spec.db.dataSource.manager, id)).toBeUndefined();
    await expect(remove(admin, id)).rejects.toMatchObject({ status: 404 });
  });
});
