import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Audited, fromParam } from '@samenspel/audit';
import { Roles, YouthRefParam, ProblemResponses } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { FlowCountsDto, FlowCountsQuery, FlowDto } from './dto/flow.dto';
import { CountFlowsCommand } from './usecases/count-flows/count-flows.command';
import { CountFlows } from './usecases/count-flows/count-flows.usecase';
import { TraceFlowCommand } from './usecases/trace-flow/trace-flow.command';
import { TraceFlow } from './usecases/trace-flow/trace-flow.usecase';

@ApiTags('flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller()
export class FlowsController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly traceFlow: TraceFlow,
    private readonly countFlows: CountFlows,
  ) {}

  @Get('flows/:youthRef')
  @Audited({ action: 'read', resource: 'flow', subject: fromParam('youthRef') })
  @ApiOkResponse({ type: FlowDto })
  @ApiOperation({ summary: "Trace one youngster's events across the services" })
  @ProblemResponses(404)
  trace(@YouthRefParam('youthRef') youthRef: string): Promise<FlowDto> {
    const command = new TraceFlowCommand({ youthRef });
    return this.units.run((uow) => this.traceFlow.execute(command, uow));
  }

  @Get('flow-counts')
  @ApiOkResponse({ type: FlowCountsDto })
  @ApiOperation({ summary: 'Count flows by stage' })
  counts(@Query() query: FlowCountsQuery): Promise<FlowCountsDto> {
    const command = new CountFlowsCommand({ limit: query.limit });
    return this.units.run((uow) => this.countFlows.execute(command, uow));
  }
}
