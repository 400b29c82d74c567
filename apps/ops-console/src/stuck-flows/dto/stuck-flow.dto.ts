import { ApiProperty } from '@nestjs/swagger';
import { OneOfQuery } from '@samenspel/http';
import { STUCK_RULES } from '../../domain/stuck-rules';

export class StuckFlowQuery {
  @OneOfQuery(STUCK_RULES)
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
