import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { WEBHOOK_EVENTS } from '../webhook-events';

export class CreateWebhookBody {
  @ApiProperty({ example: 'https://example.org/samenspel-hook' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: string[];

  @ApiPropertyOptional({ description: 'Admins only: the team the webhook is for' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  teamId?: string;
}

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
  @ApiPropertyOptional() lastStatusCode?: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiProperty() nextAttemptAt: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() deliveredAt?: string;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty() total: number;
}

export class TeamContactBody {
  @ApiPropertyOptional({ description: "The team's shared inbox: new tasks and reminders" })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  teamEmail?: string;

  @ApiPropertyOptional({ description: 'Escalations and disabled webhooks' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  teamLeadEmail?: string;
}
