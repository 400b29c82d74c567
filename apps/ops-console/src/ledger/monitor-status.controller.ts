import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { MonitorStatusDto } from './dto/monitor-status.dto';
import { FlowMonitor } from './flow-monitor';

@ApiTags('flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('monitor')
export class MonitorStatusController {
  constructor(private readonly monitor: FlowMonitor) {}

  @Get('status')
  @ApiOkResponse({ type: MonitorStatusDto })
  @ApiOperation({ summary: "The flow monitor's position and health" })
  status(): MonitorStatusDto {
    return { joined: this.monitor.joined };
  }
}
