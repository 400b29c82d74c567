import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { LagDto, LagQuery, ThroughputDto } from './dto/kafka-health.dto';
import { KafkaHealthService } from './kafka-health.service';

@ApiTags('kafka')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('kafka')
export class KafkaHealthController {
  constructor(private readonly health: KafkaHealthService) {}

  @Get('lag')
  @ApiOkResponse({ type: LagDto })
  @ApiOperation({ summary: 'Consumer lag per group and topic' })
  async lag(@Query() query: LagQuery): Promise<LagDto> {
    const items = await this.health.lag(query.group);
    return { items, total: items.reduce((n, p) => n + p.lag, 0) };
  }

  @Get('throughput')
  @ApiOkResponse({ type: ThroughputDto })
  @ApiOperation({ summary: 'Events per minute per topic' })
  throughput(): ThroughputDto {
    return { items: this.health.throughput() };
  }
}
