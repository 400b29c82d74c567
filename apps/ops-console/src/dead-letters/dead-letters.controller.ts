import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam, type AuditPicker } from '@samenspel/audit';
import { CurrentPrincipal, Roles, type Principal } from '@samenspel/http';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { DeadLetterRepository } from './dead-letter.repository';
import { ReplayDeadLettersCommand } from './usecases/replay-dead-letters/replay-dead-letters.command';
import { ReplayDeadLetters } from './usecases/replay-dead-letters/replay-dead-letters.usecase';
import { ResolveDeadLetterCommand } from './usecases/resolve-dead-letter/resolve-dead-letter.command';
import { ResolveDeadLetter } from './usecases/resolve-dead-letter/resolve-dead-letter.usecase';

/** The dead letters a replay names, comma-separated. */
const replayedIds: AuditPicker = ({ req }) => {
  const ids = (req.body as { ids?: unknown } | undefined)?.ids;
  return Array.isArray(ids) && ids.length ? ids.join(',') : undefined;
};

export class DeadLetterQuery {
  @ApiPropertyOptional({ description: 'Original topic or its .dlq topic' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/)
  topic?: string;

  @ApiPropertyOptional({ enum: ['open', 'replayed', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'replayed', 'resolved'])
  status?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}

export class DeadLetterDto {
  @ApiProperty() id!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() originalTopic!: string;
  @ApiProperty({ nullable: true, type: Number }) originalPartition!: number | null;
  @ApiProperty({ nullable: true, type: String }) originalOffset!: string | null;
  @ApiProperty() reasonCategory!: string;
  @ApiProperty({ description: 'The dlq-reason, quoted fragments blanked' }) reason!: string;
  @ApiProperty({ nullable: true, type: String }) consumer!: string | null;
  @ApiProperty({ nullable: true, type: String }) deadLetteredAt!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String }) youthRef!: string | null;
  @ApiProperty({ enum: ['open', 'replayed', 'resolved'] }) status!: string;
  @ApiProperty() replayCount!: number;
  @ApiProperty({ nullable: true, type: String }) resolvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty() hasNote!: boolean;
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] }) items!: DeadLetterDto[];
  @ApiProperty() total!: number;
}

export class DeadLetterActionDto {
  @ApiProperty({ enum: ['replay', 'resolve'] }) action!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ nullable: true, type: String }) targetTopic!: string | null;
  @ApiProperty() at!: string;
}

export class ReplayedDto {
  @ApiProperty() id!: string;
  @ApiProperty() topic!: string;
}

export class ReplayResultDto {
  @ApiProperty({ type: [ReplayedDto] }) replayed!: ReplayedDto[];
}

@ApiTags('dead-letters')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('dead-letters')
export class DeadLettersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterRepository,
    private readonly replayDeadLetters: ReplayDeadLetters,
    private readonly resolveDeadLetter: ResolveDeadLetter,
  ) {}

  @Get()
  @ApiOkResponse({ type: DeadLetterPageDto })
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(this.dataSource.manager, query);
  }

  @Get(':id/actions')
  @ApiOkResponse({ type: [DeadLetterActionDto] })
  actions(@Param('id', ParseUUIDPipe) id: string): Promise<DeadLetterActionDto[]> {
    return this.deadLetters.actions(this.dataSource.manager, id);
  }

  @Post('replay')
  @HttpCode(200)
  @Audited({ action: 'update', resource: 'dead-letter', id: replayedIds })
  @ApiOkResponse({ type: ReplayResultDto })
  replay(
    @Body() command: ReplayDeadLettersCommand,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReplayResultDto> {
    return this.replayDeadLetters.execute(command, actor);
  }

  @Post(':id/resolve')
  @HttpCode(204)
  @Audited({ action: 'update', resource: 'dead-letter', id: fromParam('id') })
  async resolve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() command: ResolveDeadLetterCommand,
    @CurrentPrincipal() actor: Principal,
  ): Promise<void> {
    await this.resolveDeadLetter.execute(id, command, actor);
  }
}
