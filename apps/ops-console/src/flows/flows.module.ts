import { Module } from '@nestjs/common';
import { FlowsController } from './flows.controller';
import { CountFlows } from './usecases/count-flows/count-flows.usecase';
import { TraceFlow } from './usecases/trace-flow/trace-flow.usecase';

/** A youngster's flow as the ledger traces it, and the flows counted per event type. */
@Module({
  controllers: [FlowsController],
  providers: [TraceFlow, CountFlows],
})
export class FlowsModule {}
