import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { IsIn, IsOptional } from 'class-validator';
import { STUCK_RULES } from '../domain/stuck-rules';
import { StuckFlowsService } from './stuck-flows.service';

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

@ApiTags('stuck-flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('stuck-flows')
export class StuckFlowsController {
  constructor(private readonly stuck: StuckFlowsService) {}

  @Get()
  @ApiOkResponse({ type: StuckFlowsDto })
  async list(@Query() query: StuckFlowQuery): Promise<StuckFlowsDto> {
    const all = await this.stuck.list();
    const items = query.rule ? all.filter((f) => f.rule === query.rule) : all;
    const byRule = Object.fromEntries(STUCK_RULES.map((r) => [r, all.filter((f) => f.rule === r).length]));
    return { items, total: items.length, byRule };
  }
}
