import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam } from '@samenspel/audit';
import { NotFoundError, Roles } from '@samenspel/http';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { stepLabel } from '../domain/flow-steps';

export class FlowStepDto {
  @ApiProperty({ description: 'What happened, in words (from the event type)' }) step!: string;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty() time!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty() deadLetter!: boolean;
  @ApiProperty({ description: 'Record ids from the event data (offerId, taskId, …): refs only' })
  refs!: Record<string, string>;
}

export class FlowDto {
  @ApiProperty() youthRef!: string;
  @ApiProperty({ type: [FlowStepDto] }) steps!: FlowStepDto[];
}

export class FlowCountDto {
  @ApiProperty() type!: string;
  @ApiProperty() step!: string;
  @ApiProperty() lastHour!: number;
  @ApiProperty() lastDay!: number;
}

export class FlowCountsDto {
  @ApiProperty({ type: [FlowCountDto] }) items!: FlowCountDto[];
  @ApiProperty() invalidLastDay!: number;
  @ApiProperty() deadLettersLastDay!: number;
}

export class FlowCountsQuery {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

type Row = Record<string, never>;

@ApiTags('flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller()
export class FlowsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('flows/:youthRef')
  @Audited({ action: 'read', resource: 'flow', subject: fromParam('youthRef') })
  @ApiOkResponse({ type: FlowDto })
  async trace(@Param('youthRef') youthRef: string): Promise<FlowDto> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(youthRef)) throw new NotFoundError('no flow for this youthRef');
    const rows = (await this.dataSource.query(
      `SELECT * FROM ledger_event WHERE youth_ref = $1 ORDER BY event_time, recorded_at, id LIMIT 1000`,
      [youthRef],
    )) as Row[];
    if (rows.length === 0) throw new NotFoundError('no flow for this youthRef');
    return {
      youthRef,
      steps: rows.map((r) => ({
        step: stepLabel(r.type, r.dead_letter, r.valid),
        type: r.type,
        eventId: r.event_id,
        source: r.source,
        correlationId: r.correlation_id,
        time: new Date(r.event_time).toISOString(),
        topic: r.topic,
        partition: r.partition,
        offset: String(r.offset),
        valid: r.valid,
        deadLetter: r.dead_letter,
        refs: r.refs,
      })),
    };
  }

  @Get('flow-counts')
  @ApiOkResponse({ type: FlowCountsDto })
  async counts(@Query() query: FlowCountsQuery): Promise<FlowCountsDto> {
    const rows = (await this.dataSource.query(
      `SELECT type,
         count(*) FILTER (WHERE recorded_at > now() - interval '1 hour')::int AS last_hour,
         count(*)::int AS last_day
       FROM ledger_event WHERE recorded_at > now() - interval '1 day' AND valid AND NOT dead_letter
       GROUP BY type ORDER BY last_day DESC, type LIMIT $1`,
      [query.limit],
    )) as Row[];
    const [totals] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT valid AND NOT dead_letter)::int AS invalid,
         count(*) FILTER (WHERE dead_letter)::int AS dead
       FROM ledger_event WHERE recorded_at > now() - interval '1 day'`,
    )) as Row[];
    return {
      items: rows.map((r) => ({
        type: r.type,
        step: stepLabel(r.type, false, true),
        lastHour: r.last_hour,
        lastDay: r.last_day,
      })),
      invalidLastDay: totals.invalid,
      deadLettersLastDay: totals.dead,
    };
  }
}
