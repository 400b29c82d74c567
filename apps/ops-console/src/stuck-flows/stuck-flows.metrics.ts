import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { Gauge } from 'prom-client';
import { STUCK_RULES } from '../domain/stuck-rules';
import { ListStuckFlowsCommand } from './usecases/list-stuck-flows/list-stuck-flows.command';
import { ListStuckFlows } from './usecases/list-stuck-flows/list-stuck-flows.usecase';

/** The stuck flows per rule as a gauge, counted when it is scraped. */
@Injectable()
export class StuckFlowsMetrics {
  constructor(units: UnitsOfWork, listStuckFlows: ListStuckFlows, metrics: MetricsRegistry) {
    const count = () =>
      units.run((uow) => listStuckFlows.execute(new ListStuckFlowsCommand({ now: new Date() }), uow));
    new Gauge({
      name: 'samenspel_stuck_flows',
      help: 'Flows that a stuck-flow rule currently flags, by rule',
      labelNames: ['rule'],
      registers: [metrics],
      async collect() {
        const { byRule } = await count();
        for (const rule of STUCK_RULES) this.set({ rule }, byRule[rule]);
      },
    });
  }
}
