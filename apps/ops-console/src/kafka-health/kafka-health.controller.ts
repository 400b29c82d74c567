import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { IsOptional, Matches } from 'class-validator';
import { KafkaHealthService } from './kafka-health.service';

export class LagQuery {
  @ApiPropertyOptional({ description: 'One consumer group; default every group with the configured prefix' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  group?: string;
}

export class PartitionLagDto {
  @ApiProperty() group!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty({ description: '-1 when the group never committed on this partition' })
  committedOffset!: string;
  @ApiProperty() endOffset!: string;
  @ApiProperty() lag!: number;
}

export class LagDto {
  @ApiProperty({ type: [PartitionLagDto] }) items!: PartitionLagDto[];
  @ApiProperty() total!: number;
}

export class TopicThroughputDto {
  @ApiProperty() topic!: string;
  @ApiProperty() endOffset!: number;
  @ApiProperty() eventsPerSecond!: number;
  @ApiProperty() windowSeconds!: number;
}

export class ThroughputDto {
  @ApiProperty({ type: [TopicThroughputDto] }) items!: TopicThroughputDto[];
}

@ApiTags('kafka')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('kafka')
export class KafkaHealthController {
  constructor(private readonly health: KafkaHealthService) {}

  @Get('lag')
  @ApiOkResponse({ type: LagDto })
  async lag(@Query() query: LagQuery): Promise<LagDto> {
    const items = await this.health.lag(query.group);
    return { items, total: items.reduce((n, p) => n + p.lag, 0) };
  }

  @Get('throughput')
  @ApiOkResponse({ type: ThroughputDto })
  throughput(): ThroughputDto {
    return { items: this.health.throughput() };
  }
}
