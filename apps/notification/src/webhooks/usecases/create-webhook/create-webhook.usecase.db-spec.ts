import type { Principal } from '@samenspel/http';
import type { UnitsOfWork } from '@samenspel/messaging';
import type { TestDatabase } from '@samenspel/testing';
import { randomUUID } from 'node:crypto';
import { aNotificationDatabase } from '../../../../test/medium-test';
import { WebhooksRepository } from '../../webhooks.repository';
import { CreateWebhookCommand } from './create-webhook.command';
import { CreateWebhook } from './create-webhook.usecase';

describe('CreateWebhook against PostgreSQL', () => {
  let db: TestDatabase;
  let units: UnitsOfWork;
  const webhooks = new WebhooksRepository();
  const sut = new CreateWebhook(webhooks);

  beforeAll(async () => {
    ({ db, units } = await aNotificationDatabase('notification_create_webhook'));
  });
  afterAll(async () => db?.drop());

  const create = (principal: Principal, fields: { events: string[]; teamId?: string }) =>
    units.run((uow) =>
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
    expect(await webhooks.find(db.dataSource.manager, view.id)).toMatchObject({
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
});
