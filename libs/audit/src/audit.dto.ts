import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@samenspel/http';
import { IsIn, IsISO8601, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction } from './audit-entry';
import type { AuditRecord } from './audit-trail';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: "A youngster's youthRef", example: 'yr_3f9a1c2b7d4e' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  subject?: string;

  @ApiPropertyOptional({ description: 'The `sub` of the acting token' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'From this moment on (ISO 8601, inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'Before this moment (ISO 8601, exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  to?: string;
}

export class AuditActorView {
  @ApiProperty() sub!: string;
  @ApiProperty() role!: string;
  @ApiPropertyOptional() teamId?: string;
  @ApiPropertyOptional() org?: string;
}

export class AuditResourceView {
  @ApiProperty({ example: 'referral' }) type!: string;
  @ApiPropertyOptional() id?: string;
}

export class AuditEndpointView {
  @ApiPropertyOptional({ example: 'GET' }) method?: string;
  @ApiPropertyOptional({ example: '/api/v1/referrals/:id' }) route?: string;
}

export class AuditRecordView implements AuditRecord {
  @ApiProperty() id!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: AuditActorView }) actor!: AuditActorView;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ type: AuditResourceView }) resource!: AuditResourceView;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Null after erasure' })
  subjectRef!: string | null;
  @ApiProperty() subjectErased!: boolean;
  @ApiProperty({ type: AuditEndpointView, description: 'Why: the endpoint that was called' })
  endpoint!: AuditEndpointView;
  @ApiPropertyOptional({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: AuditRecord['outcome'];
  @ApiPropertyOptional() correlationId?: string;
  @ApiPropertyOptional() traceId?: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditRecordView] }) items!: AuditRecordView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
