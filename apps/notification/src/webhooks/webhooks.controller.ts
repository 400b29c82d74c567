import { Body, Controller, Get, HttpCode, Post, Query, Delete } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiNoContentResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { Audited, fromParam, fromResult } from '@samenspel/audit';
import {
  CurrentPrincipal,
  OptionalUuidQuery,
  PageQuery,
  Roles,
  type Principal,
  UuidParam,
  ProblemResponses,
} from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { CreateWebhookBody } from './dto/webhook.dto';
import { DeliveryPage, WebhookView } from './dto/webhook.view';
import { CreateWebhookCommand } from './usecases/create-webhook/create-webhook.command';
import { CreateWebhook } from './usecases/create-webhook/create-webhook.usecase';
import { DeleteWebhookCommand } from './usecases/delete-webhook/delete-webhook.command';
import { DeleteWebhook } from './usecases/delete-webhook/delete-webhook.usecase';
import { EnableWebhookCommand } from './usecases/enable-webhook/enable-webhook.command';
import { EnableWebhook } from './usecases/enable-webhook/enable-webhook.usecase';
import { ListWebhookDeliveriesCommand } from './usecases/list-webhook-deliveries/list-webhook-deliveries.command';
import { ListWebhookDeliveries } from './usecases/list-webhook-deliveries/list-webhook-deliveries.usecase';
import { ListWebhooksCommand } from './usecases/list-webhooks/list-webhooks.command';
import { ListWebhooks } from './usecases/list-webhooks/list-webhooks.usecase';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller()
export class WebhooksController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly createWebhook: CreateWebhook,
    private readonly listWebhooks: ListWebhooks,
    private readonly listDeliveries: ListWebhookDeliveries,
    private readonly enableWebhook: EnableWebhook,
    private readonly deleteWebhook: DeleteWebhook,
  ) {}

  @Post('webhooks')
  @Roles('team-lead', 'admin')
  @Audited({ action: 'create', resource: 'webhook', id: fromResult('id') })
  @ApiCreatedResponse({ type: WebhookView, description: 'The secret is shown this once' })
  @ApiOperation({ summary: 'Register a webhook for a team' })
  @ProblemResponses(422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookBody): Promise<WebhookView> {
    const command = new CreateWebhookCommand({
      principal,
      url: body.url,
      events: body.events,
      teamId: body.teamId,
    });
    return this.units.run((uow) => this.createWebhook.execute(command, uow));
  }

  @Get('webhooks')
  @Roles('team-lead', 'admin', 'ops')
  @ApiOkResponse({ type: [WebhookView] })
  @ApiOperation({ summary: "List a team's webhooks" })
  @ProblemResponses(422)
  list(
    @CurrentPrincipal() principal: Principal,
    @OptionalUuidQuery('teamId') teamId?: string,
  ): Promise<WebhookView[]> {
    const command = new ListWebhooksCommand({ principal, teamId });
    return this.units.run((uow) => this.listWebhooks.execute(command, uow));
  }

  @Get('webhooks/:id/deliveries')
  @Roles('team-lead', 'admin', 'ops')
  @ApiOkResponse({
    type: DeliveryPage,
    description: "Each delivery's outcome; only an admin sees the receiver's last status and error",
  })
  @ApiOperation({ summary: "List a webhook's deliveries" })
  @ProblemResponses(404)
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() page: PageQuery,
  ): Promise<DeliveryPage> {
    const command = new ListWebhookDeliveriesCommand({
      principal,
      webhookId: id,
      limit: page.limit,
      offset: page.offset,
    });
    return this.units.run((uow) => this.listDeliveries.execute(command, uow));
  }

  @Post('webhooks/:id/enable')
  @HttpCode(200)
  @Roles('team-lead', 'admin')
  @Audited({ action: 'update', resource: 'webhook', id: fromParam('id') })
  @ApiOkResponse({ type: WebhookView })
  @ApiOperation({ summary: 'Enable a disabled webhook again' })
  @ProblemResponses(404)
  enable(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    const command = new EnableWebhookCommand({ principal, webhookId: id });
    return this.units.run((uow) => this.enableWebhook.execute(command, uow));
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @Roles('team-lead', 'admin')
  @Audited({ action: 'delete', resource: 'webhook', id: fromParam('id') })
  @ApiNoContentResponse({ description: 'Deleted, with its delivery log; nothing pending is sent' })
  @ApiOperation({ summary: 'Delete a webhook and its delivery log' })
  @ProblemResponses(404)
  async remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    const command = new DeleteWebhookCommand({ principal, webhookId: id });
    await this.units.run((uow) => this.deleteWebhook.execute(command, uow));
  }
}
