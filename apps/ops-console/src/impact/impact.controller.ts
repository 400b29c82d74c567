import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';
import { impactCsv, type ImpactRow } from '../domain/impact';
import { ImpactDto, ImpactQuery } from './dto/impact.dto';
import { ReportImpactCommand } from './usecases/report-impact/report-impact.command';
import { ReportImpact } from './usecases/report-impact/report-impact.usecase';

@ApiTags('impact')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('impact')
export class ImpactController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly reportImpact: ReportImpact,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  @Get()
  @ApiOkResponse({ type: ImpactDto })
  @ApiOperation({ summary: 'Report the impact: referrals, placements and first contacts' })
  async json(@Query() query: ImpactQuery): Promise<ImpactDto> {
    return { minimumCell: this.settings.impactMinCell, items: await this.rows(query) };
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="samenspel-impact.csv"')
  @ApiOperation({ summary: 'Export the impact report as CSV' })
  async csv(@Query() query: ImpactQuery): Promise<string> {
    return impactCsv(await this.rows(query));
  }

  private rows(query: ImpactQuery): Promise<ImpactRow[]> {
    const command = new ReportImpactCommand({
      municipalityCode: query.municipalityCodeAsked(),
      month: query.month,
    });
    return this.units.run((uow) => this.reportImpact.execute(command, uow));
  }
}
