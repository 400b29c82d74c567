import { Inject, Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { OPS_SETTINGS, type OpsSettings } from '../../../config/ops-settings';
import { impactRows, type ImpactRow } from '../../../domain/impact';
import { ImpactRepository } from '../../impact.repository';
import type { ReportImpactCommand } from './report-impact.command';

/** The impact report: its rows, suppressed as the rule says, and the time the figures are as of. */
export interface ImpactReport {
  asOf: Date;
  items: ImpactRow[];
}

/** The impact per municipality and period, small cells and their complements suppressed. */
@Injectable()
export class ReportImpact {
  constructor(
    private readonly impact: ImpactRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  async execute(command: ReportImpactCommand, uow: UnitOfWork): Promise<ImpactReport> {
    const figures = await this.impact.figures(uow.em, {
      municipalityCodes: command.municipalityCodes,
      period: command.period,
    });
    return {
      asOf: figures.asOf,
      items: impactRows(
        figures.months,
        command.period,
        figures.latencies,
        this.settings.impactMinCell,
        figures.asOf,
        figures.acceptances,
      ),
    };
  }
}
