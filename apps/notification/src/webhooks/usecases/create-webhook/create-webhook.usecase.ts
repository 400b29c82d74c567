import { Injectable } from '@nestjs/common';
import { HttpError } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { randomBytes, randomUUID } from 'node:crypto';
import { effectiveTeam } from '../../../tasks/team-access';
import { toWebhookView, type WebhookView } from '../../dto/webhook.view';
import { WebhookClient } from '../../webhook-client';
import { WebhooksRepository } from '../../webhooks.repository';
import type { CreateWebhookCommand } from './create-webhook.command';

/**
 * Registers a team's webhook with a new signing secret, which the answer shows this once. A URL
 * whose host is or resolves to a loopback, private, link-local or metadata address is refused
 * unless WEBHOOK_ALLOWED_TARGETS names it; each delivery checks again.
 */
@Injectable()
export class CreateWebhook {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly client: WebhookClient,
  ) {}

  async execute(command: CreateWebhookCommand, uow: UnitOfWork): Promise<WebhookView> {
    const teamId = effectiveTeam(command.principal, command.teamId);
    if (!teamId) throw new HttpError(422, 'team-required', 'An admin names the team of the webhook');
    await this.client.assertAllowed(command.url);
    const row = await this.webhooks.insert(uow.em, {
      id: randomUUID(),
      team_id: teamId,
      url: command.url,
      events: [...new Set(command.events)],
      secret: `whsec_${randomBytes(24).toString('hex')}`,
      created_by: command.principal.sub,
    });
    return { ...toWebhookView(row), secret: row.secret };
  }
}
