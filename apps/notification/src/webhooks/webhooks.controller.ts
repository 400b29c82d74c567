import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam, fromResult } from '@samenspel/audit';
import {
  CurrentPrincipal,
  HttpError,
  NotFoundError,
  PageQuery,
  Roles,
  type Principal,
} from '@samenspel/http';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TeamContactsRepository } from '../email/team-contacts.repository';
import { effectiveTeam, isTeamScoped } from '../tasks/team-access';
import { DeliveriesRepository, type DeliveryRow } from './deliveries.repository';
import { WebhooksRepository, type WebhookRow } from './webhooks.repository';
import { CreateWebhookBody, DeliveryPage, TeamContactBody, WebhookView } from './dto/webhook.dto';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller()
export class WebhooksController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly deliveryLog: DeliveriesRepository,
    private readonly contacts: TeamContactsRepository,
  ) {}

  @Post('webhooks')
  @Roles('team-lead', 'admin')
  @Audited({ action: 'create', resource: 'webhook', id: fromResult('id') })
  @ApiCreatedResponse({ type: WebhookView, description: 'The secret is shown this once' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateWebhookBody,
  ): Promise<WebhookView> {
    const teamId = effectiveTeam(principal, body.teamId);
    if (!teamId) throw new HttpError(422, 'team-required', 'An admin names the team of the webhook');
    const row = await this.webhooks.insert(this.dataSource.manager, {
      id: randomUUID(),
      team_id: teamId,
      url: body.url,
      events: [...new Set(body.events)],
      secret: `whsec_${randomBytes(24).toString('hex')}`,
      created_by: principal.sub,
    });
    return { ...webhookView(row), secret: row.secret };
  }

  @Get('webhooks')
  @Roles('team-lead', 'admin', 'ops')
  @ApiOkResponse({ type: [WebhookView] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('teamId') teamId?: string,
  ): Promise<WebhookView[]> {
    const team = effectiveTeam(principal, teamId);
    if (!team) throw new HttpError(422, 'team-required', 'Name the team with ?teamId=');
    return (await this.webhooks.listOfTeam(this.dataSource.manager, team)).map(webhookView);
  }

  @Get('webhooks/:id/deliveries')
  @Roles('team-lead', 'admin', 'ops')
  @ApiOkResponse({ type: DeliveryPage })
  async deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() page: PageQuery,
  ): Promise<DeliveryPage> {
    const em = this.dataSource.manager;
    visibleWebhook(principal, await this.webhooks.find(em, id), id);
    const { items, total } = await this.deliveryLog.listForWebhook(em, id, page.limit, page.offset);
    return { items: items.map(deliveryView), total };
  }

  @Post('webhooks/:id/enable')
  @HttpCode(200)
  @Roles('team-lead', 'admin')
  @Audited({ action: 'update', resource: 'webhook', id: fromParam('id') })
  @ApiOkResponse({ type: WebhookView })
  async enable(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    const em = this.dataSource.manager;
    visibleWebhook(principal, await this.webhooks.find(em, id), id);
    await this.webhooks.enable(em, id);
    return webhookView((await this.webhooks.find(em, id))!);
  }

  @Put('teams/:teamId/contacts')
  @Roles('team-lead', 'admin')
  @Audited({ action: 'update', resource: 'team-contact', id: fromParam('teamId') })
  @ApiOkResponse({ type: TeamContactBody })
  async putContacts(
    @CurrentPrincipal() principal: Principal,
    @Param('teamId') teamId: string,
    @Body() body: TeamContactBody,
  ): Promise<TeamContactBody> {
    effectiveTeam(principal, teamId);
    await this.contacts.upsert(this.dataSource.manager, {
      teamId,
      teamEmail: body.teamEmail ?? null,
      teamLeadEmail: body.teamLeadEmail ?? null,
    });
    return body;
  }
}

function visibleWebhook(principal: Principal, row: WebhookRow | undefined, id: string): WebhookRow {
  if (!row || (isTeamScoped(principal) && row.team_id !== principal.teamId)) {
    throw new NotFoundError(`No webhook ${id}`, 'webhook-not-found');
  }
  return row;
}

function webhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    teamId: row.team_id,
    url: row.url,
    events: row.events,
    status: row.status,
    consecutiveFailures: row.consecutive_failures,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.disabled_at && { disabledAt: new Date(row.disabled_at).toISOString() }),
  };
}

function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    ...(row.last_status_code !== null && { lastStatusCode: row.last_status_code }),
    ...(row.last_error !== null && { lastError: row.last_error }),
    nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.delivered_at && { deliveredAt: new Date(row.delivered_at).toISOString() }),
  };
}
