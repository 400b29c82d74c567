import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { STUCK_RULES } from '../../domain/stuck-rules';

export class StuckFlowQuery {
  @ApiPropertyOptional({ enum: STUCK_RULES })
  @IsOptional()
  @IsIn(STUCK_RULES)
  rule?: string;
}

export class StuckFlowDto {
  @ApiProperty({ enum: STUCK_RULES }) rule!: string;
  @ApiProperty({ nullable: true, type: String }) youthRef!: string | null;
  @ApiProperty({ description: 'waitlistEntryId, taskId, referralId or dead-letter id' }) ref!: string;
  @ApiProperty() since!: string;
}

export class StuckFlowsDto {
  @ApiProperty({ type: [StuckFlowDto] }) items!: StuckFlowDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Count per rule' }) byRule!: Record<string, number>;
}
