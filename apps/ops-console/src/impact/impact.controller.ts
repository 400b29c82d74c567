import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenError, Roles, type Principal } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';
import { impactCsv } from '../domain/impact';
import { impactScope } from '../domain/impact-scope';
import { ImpactDto, ImpactQuery } from './dto/impact.dto';
import { ReportImpactCommand } from './usecases/report-impact/report-impact.command';
import { ReportImpact, type ImpactReport } from './usecases/report-impact/report-impact.usecase';

@ApiTags('impact')
@ApiBearerAuth()
@Roles('ops', 'admin', 'policy')
@Controller('impact')
export class ImpactController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly reportImpact: ReportImpact,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  @Get()
  @ApiOkResponse({ type: ImpactDto })
  @ApiOperation({
    summary: 'Report the impact per municipality and period, before, during and after care',
    description:
      'A policy token sees only the municipalities of its municipalityCodes claim; another answers 403.',
  })
  async json(@Query() query: ImpactQuery, @CurrentPrincipal() principal: Principal): Promise<ImpactDto> {
    const report = await this.report(query, principal);
    return { asOf: report.asOf.toISOString(), minimumCell: this.settings.impactMinCell, items: report.items };
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="samenspel-impact.csv"')
  @ApiOperation({
    summary: 'Export the impact report as CSV; every line says the time the figures are as of',
  })
  async csv(@Query() query: ImpactQuery, @CurrentPrincipal() principal: Principal): Promise<string> {
    const report = await this.report(query, principal);
    return impactCsv(report.items, report.asOf);
  }

  private report(query: ImpactQuery, principal: Principal): Promise<ImpactReport> {
    const scope = impactScope(principal, query.municipalityCodeAsked());
    if ('refused' in scope) throw new ForbiddenError(scope.refused, 'municipality-not-in-scope');
    const command = new ReportImpactCommand({
      municipalityCodes: scope.municipalityCodes,
      period: query.periodAsked(),
    });
    return this.units.run((uow) => this.reportImpact.execute(command, uow));
  }
}
