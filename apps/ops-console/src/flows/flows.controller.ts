import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam } from '@samenspel/audit';
import { NotFoundError, Roles } from '@samenspel/http';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { stepLabel } from '../domain/flow-steps';
import { FlowsRepository } from './flows.repository';

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

@ApiTags('flows')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller()
export class FlowsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly flows: FlowsRepository,
  ) {}

  @Get('flows/:youthRef')
  @Audited({ action: 'read', resource: 'flow', subject: fromParam('youthRef') })
  @ApiOkResponse({ type: FlowDto })
  async trace(@Param('youthRef') youthRef: string): Promise<FlowDto> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(youthRef)) throw new NotFoundError('no flow for this youthRef');
    const events = await this.flows.trace(this.dataSource.manager, youthRef);
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

  @Get('flow-counts')
  @ApiOkResponse({ type: FlowCountsDto })
  async counts(@Query() query: FlowCountsQuery): Promise<FlowCountsDto> {
    const counts = await this.flows.countsByType(this.dataSource.manager, query.limit);
    const failed = await this.flows.failedLastDay(this.dataSource.manager);
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
