import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@samenspel/http';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { impactCsv, impactRow, type ImpactRow } from '../domain/impact';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';
import { ImpactRepository } from './impact.repository';

export class ImpactQuery {
  @ApiPropertyOptional({ example: 'GM0344' })
  @IsOptional()
  @Matches(/^(GM[0-9]{4}|unknown)$/)
  municipality?: string;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(/^[0-9]{4}-[0-9]{2}$/)
  month?: string;
}

export class ImpactDto {
  @ApiProperty({ description: 'Counts under this are suppressed (null)' }) minimumCell!: number;
  @ApiProperty({ description: 'One row per municipality and month; see docs/ops-console.md for the fields' })
  items!: ImpactRow[];
}

@ApiTags('impact')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('impact')
export class ImpactController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly impact: ImpactRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  @Get()
  @ApiOkResponse({ type: ImpactDto })
  async json(@Query() query: ImpactQuery): Promise<ImpactDto> {
    return { minimumCell: this.settings.impactMinCell, items: await this.rows(query) };
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="samenspel-impact.csv"')
  async csv(@Query() query: ImpactQuery): Promise<string> {
    return impactCsv(await this.rows(query));
  }

  private async rows(query: ImpactQuery): Promise<ImpactRow[]> {
    const cells = await this.impact.cells(this.dataSource.manager, query);
    return cells.map((c) =>
      impactRow(c.municipality, c.month, c.counters, this.settings.impactMinCell, c.latencies),
    );
  }
}
