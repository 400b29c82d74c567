import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@samenspel/http';
import type { UnitOfWork } from '@samenspel/messaging';
import { stepLabel } from '../../../domain/flow-steps';
import type { FlowDto } from '../../dto/flow.dto';
import { FlowsRepository } from '../../flows.repository';
import type { TraceFlowCommand } from './trace-flow.command';

/** One youngster's timeline across services, in event-time order: steps in words, refs only. */
@Injectable()
export class TraceFlow {
  constructor(private readonly flows: FlowsRepository) {}

  async execute(command: TraceFlowCommand, uow: UnitOfWork): Promise<FlowDto> {
    const { youthRef } = command;
    const events = await this.flows.trace(uow.em, youthRef);
    if (events.length === 0) throw new NotFoundError('no flow for this youthRef');
    return {
      youthRef,
      steps: events.map((e) => ({
        step: stepLabel(e.type, e.deadLetter, e.valid),
        type: e.type,
        eventId: e.eventId,
        source: e.source,
        correlationId: e.correlationId,
        time: new Date(e.eventTime ?? 0).toISOString(),
        topic: e.topic,
        partition: e.partition,
        offset: e.offset,
        valid: e.valid,
        deadLetter: e.deadLetter,
        refs: e.refs,
      })),
    };
  }
}
