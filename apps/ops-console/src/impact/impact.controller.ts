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
import {
  impactCsv,
  impactRow,
  type Counters,
  type FirstOfferLatencies,
  type ImpactRow,
} from '../domain/impact';
import { OPS_SETTINGS, type OpsSettings } from '../config/ops-settings';

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
    const params: string[] = [];
    const where: string[] = [];
    if (query.municipality) where.push(`municipality_code = $${params.push(query.municipality)}`);
    if (query.month) where.push(`month = $${params.push(query.month)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = (await this.dataSource.query(
      `SELECT municipality_code, month, measure, count FROM impact_counter
       ${clause} ORDER BY month DESC, municipality_code`,
      params,
    )) as { municipality_code: string; month: string; measure: string; count: number }[];
    const latencies = new Map<string, FirstOfferLatencies>();
    for (const l of (await this.dataSource.query(
      `SELECT municipality_code, month, count(*)::int AS count,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds
       FROM impact_first_offer_latency ${clause} GROUP BY municipality_code, month`,
      params,
    )) as { municipality_code: string; month: string; count: number; median_seconds: number | null }[]) {
      latencies.set(`${l.municipality_code}|${l.month}`, {
        count: l.count,
        medianSeconds: l.median_seconds === null ? null : Number(l.median_seconds),
      });
    }
    const cells = new Map<string, { municipality: string; month: string; counters: Counters }>();
    for (const r of rows) {
      const key = `${r.municipality_code}|${r.month}`;
      const cell = cells.get(key) ?? { municipality: r.municipality_code, month: r.month, counters: {} };
      cell.counters[r.measure] = r.count;
      cells.set(key, cell);
    }
    return [...cells.entries()].map(([key, c]) =>
      impactRow(c.municipality, c.month, c.counters, this.settings.impactMinCell, latencies.get(key)),
    );
  }
}
