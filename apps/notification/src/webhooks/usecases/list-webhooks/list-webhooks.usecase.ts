import { Injectable } from '@nestjs/common';
import { HttpError } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { effectiveTeam } from '../../../tasks/team-access';
import { toWebhookView, type WebhookView } from '../../dto/webhook.view';
import { WebhooksRepository } from '../../webhooks.repository';
import type { ListWebhooksCommand } from './list-webhooks.command';

/** A team's webhooks, oldest first, without their secrets. */
@Injectable()
export class ListWebhooks {
  constructor(private readonly webhooks: WebhooksRepository) {}

  async execute(command: ListWebhooksCommand, uow: UnitOfWork): Promise<WebhookView[]> {
    const team = effectiveTeam(command.principal, command.teamId);
    if (!team) throw new HttpError(422, 'team-required', 'Name the team with ?teamId=');
    return (await this.webhooks.listOfTeam(uow.em, team)).map(toWebhookView);
  }
}
