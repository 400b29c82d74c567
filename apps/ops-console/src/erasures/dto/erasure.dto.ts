import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsYouthRef } from '@samenspel/contracts';
import { IsOptional, Matches } from 'class-validator';
import type { ErasureRequestRecord } from '../erasure-request.entity';

export class RequestErasureDto {
  @ApiProperty({ example: 'yr_8f3a2c9d1e', description: 'The pseudonymous ref of the youngster to erase' })
  @IsYouthRef()
  youthRef!: string;

  /** A short code, never free text: the request must not carry anything about the youngster. */
  @ApiPropertyOptional({ example: 'avg-art-17-request' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'reason must be a short code of a-z, 0-9 and -' })
  reason?: string;
}

export class ErasureConfirmationDto {
  @ApiProperty() service!: string;
  @ApiProperty() erasedAt!: string;
}

export class ErasureRequestDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['admin-api', 'event'] }) origin!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Only for admins, and only until the erasure is complete',
  })
  youthRef!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty() complete!: boolean;
  @ApiProperty({ type: [String] }) confirmed!: string[];
  @ApiProperty({ type: [String] }) waitingFor!: string[];
  @ApiProperty({ type: [ErasureConfirmationDto] }) confirmations!: ErasureConfirmationDto[];
}

export class ErasureRequestPageDto {
  @ApiProperty({ type: [ErasureRequestDto] }) items!: ErasureRequestDto[];
  @ApiProperty() total!: number;
}

export function toErasureRequestDto(r: ErasureRequestRecord, youthRef: string | null): ErasureRequestDto {
  return {
    id: r.id,
    origin: r.origin,
    youthRef,
    reason: r.reason,
    requestedAt: new Date(r.requestedAt).toISOString(),
    receivedAt: new Date(r.receivedAt).toISOString(),
    completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
    complete: r.complete,
    confirmed: r.confirmed,
    waitingFor: r.waitingFor,
    confirmations: r.confirmations.map((c) => ({
      service: c.service,
      erasedAt: new Date(c.erasedAt).toISOString(),
    })),
  };
}
