import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { FlowMonitor } from './flow-monitor';

export class MonitorStatusDto {
  @ApiProperty({ description: 'The flow monitor joined its consumer group and holds its partitions' })
  joined!: boolean;
}

@ApiTags('flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('monitor')
export class MonitorStatusController {
  constructor(private readonly monitor: FlowMonitor) {}

  @Get('status')
  @ApiOkResponse({ type: MonitorStatusDto })
  status(): MonitorStatusDto {
    return { joined: this.monitor.joined };
  }
}
