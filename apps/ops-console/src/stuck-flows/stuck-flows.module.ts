import { Module } from '@nestjs/common';
import { StuckFlowsController } from './stuck-flows.controller';
import { StuckFlowsMetrics } from './stuck-flows.metrics';
import { ListStuckFlows } from './usecases/list-stuck-flows/list-stuck-flows.usecase';

/** The stuck-flow rules over the flow states, in the API and as a gauge. */
@Module({
  controllers: [StuckFlowsController],
  providers: [ListStuckFlows, StuckFlowsMetrics],
})
export class StuckFlowsModule {}
