import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { stepLabel } from '../../../domain/flow-steps';
import type { FlowCountsDto } from '../../dto/flow.dto';
import { FlowsRepository } from '../../flows.repository';
import type { CountFlowsCommand } from './count-flows.command';

/** Events per type in the last hour and day, and the invalid and dead-lettered records of the last day. */
@Injectable()
export class CountFlows {
  constructor(private readonly flows: FlowsRepository) {}

  async execute(command: CountFlowsCommand, uow: UnitOfWork): Promise<FlowCountsDto> {
    const counts = await this.flows.countsByType(uow.em, command.limit);
    const failed = await this.flows.failedLastDay(uow.em);
    return {
      items: counts.map((c) => ({
        type: c.type,
        step: stepLabel(c.type, false, true),
        lastHour: c.lastHour,
        lastDay: c.lastDay,
      })),
      invalidLastDay: failed.invalid,
      deadLettersLastDay: failed.deadLetters,
    };
  }
}
