import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsShortCode } from '@samenspel/contracts';
import { OFFER_STATUSES } from '../../domain/bridging-lifecycle';
import type { BridgingOffer } from '../bridging-offer.entity';

export class OfferView {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty({ minimum: 1, maximum: 3 }) rank!: number;
  @ApiProperty({ enum: OFFER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiPropertyOptional() activityTitle?: string;
  @ApiPropertyOptional() reason?: string;

  static of(o: BridgingOffer): OfferView {
    return {
      offerId: o.offerId,
      activityId: o.activityId,
      teamId: o.teamId,
      rank: o.rank,
      status: o.status,
      expiresAt: o.expiresAt.toISOString(),
      ...(o.activityTitle && { activityTitle: o.activityTitle }),
      ...(o.reason && { reason: o.reason }),
    };
  }
}

export class DeclineOfferDto {
  @ApiProperty({
    example: 'not-interested',
    description: 'A reason code, never free text about the youngster',
  })
  @IsShortCode(64)
  reason!: string;
}
