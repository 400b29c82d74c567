import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { StuckRule } from '../domain/stuck-rules';
import { StuckFlowQuery, StuckFlowsDto } from './dto/stuck-flow.dto';
import { ListStuckFlowsCommand } from './usecases/list-stuck-flows/list-stuck-flows.command';
import { ListStuckFlows } from './usecases/list-stuck-flows/list-stuck-flows.usecase';

@ApiTags('stuck-flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('stuck-flows')
export class StuckFlowsController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly listStuckFlows: ListStuckFlows,
  ) {}

  @Get()
  @ApiOkResponse({ type: StuckFlowsDto })
  @ApiOperation({ summary: 'List youngsters whose flow is stuck' })
  list(@Query() query: StuckFlowQuery): Promise<StuckFlowsDto> {
    // The validation pipe let through only a rule's name.
    const rule = query.rule as StuckRule | undefined;
    const command = new ListStuckFlowsCommand({ now: new Date(), rule });
    return this.units.run((uow) => this.listStuckFlows.execute(command, uow));
  }
}
