import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeliveryRow } from '../deliveries.repository';
import type { WebhookRow } from '../webhooks.repository';
import { WEBHOOK_EVENTS } from '../webhook-events';

export class WebhookView {
  @ApiProperty() id: string;
  @ApiProperty() teamId: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: string[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty() consecutiveFailures: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() disabledAt?: string;
  @ApiPropertyOptional({ description: 'Only in the answer to its creation: keep it to verify signatures' })
  secret?: string;
}

export class DeliveryView {
  @ApiProperty() id: string;
  @ApiProperty() event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ description: "Admins only: the receiver's last HTTP status" })
  lastStatusCode?: number;
  @ApiPropertyOptional({ description: 'Admins only: why the last attempt failed' })
  lastError?: string;
  @ApiProperty() nextAttemptAt: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() deliveredAt?: string;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty() total: number;
}

export function toWebhookView(row: WebhookRow): WebhookView {
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

/**
 * A delivery as the log shows it. Only an admin sees the receiver's status and error: to anyone
 * else a receiver's answers would map the hosts and ports a webhook can reach.
 */
export function toDeliveryView(row: DeliveryRow, withReceiverDetail: boolean): DeliveryView {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    ...(withReceiverDetail && row.last_status_code !== null && { lastStatusCode: row.last_status_code }),
    ...(withReceiverDetail && row.last_error !== null && { lastError: row.last_error }),
    nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.delivered_at && { deliveredAt: new Date(row.delivered_at).toISOString() }),
  };
}
