import { Inject, Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@samenspel/messaging';
import { OPS_SETTINGS, type OpsSettings } from '../../../config/ops-settings';
import { impactRow, type ImpactRow } from '../../../domain/impact';
import { ImpactRepository } from '../../impact.repository';
import type { ReportImpactCommand } from './report-impact.command';

/** The impact per municipality and month, every count under IMPACT_MIN_CELL suppressed. */
@Injectable()
export class ReportImpact {
  constructor(
    private readonly impact: ImpactRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  async execute(command: ReportImpactCommand, uow: UnitOfWork): Promise<ImpactRow[]> {
    const cells = await this.impact.cells(uow.em, {
      municipalityCode: command.municipalityCode,
      month: command.month,
    });
    return cells.map((c) =>
      impactRow(c.municipality, c.month, c.counters, this.settings.impactMinCell, c.latencies),
    );
  }
}
