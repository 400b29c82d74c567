import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { Audited, fromParam, type AuditPicker } from '@samenspel/audit';
import { CurrentPrincipal, Roles, type Principal, UuidParam, ProblemResponses } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { DeadLettersRepository } from './dead-letters.repository';
import {
  DeadLetterActionDto,
  DeadLetterPageDto,
  DeadLetterQuery,
  ReplayDeadLettersDto,
  ReplayResultDto,
  ResolveDeadLetterDto,
} from './dto/dead-letter.dto';
import { ReplayDeadLettersCommand } from './usecases/replay-dead-letters/replay-dead-letters.command';
import { ReplayDeadLetters } from './usecases/replay-dead-letters/replay-dead-letters.usecase';
import { ResolveDeadLetterCommand } from './usecases/resolve-dead-letter/resolve-dead-letter.command';
import { ResolveDeadLetter } from './usecases/resolve-dead-letter/resolve-dead-letter.usecase';

/** The dead letters a replay names, comma-separated. */
const replayedIds: AuditPicker = ({ req }) => {
  const ids = (req.body as { ids?: unknown } | undefined)?.ids;
  return Array.isArray(ids) && ids.length ? ids.join(',') : undefined;
};

@ApiTags('dead-letters')
@ApiBearerAuth()
@Roles('ops', 'admin')
@Controller('dead-letters')
export class DeadLettersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsOfWork,
    private readonly deadLetters: DeadLettersRepository,
    private readonly replayDeadLetters: ReplayDeadLetters,
    private readonly resolveDeadLetter: ResolveDeadLetter,
  ) {}

  @Get()
  @ApiOkResponse({ type: DeadLetterPageDto })
  @ApiOperation({ summary: 'List dead letters' })
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(this.dataSource.manager, query);
  }

  @Get(':id/actions')
  @ApiOkResponse({ type: [DeadLetterActionDto] })
  @ApiOperation({ summary: 'List what was done to a dead letter' })
  actions(@UuidParam('id') id: string): Promise<DeadLetterActionDto[]> {
    return this.deadLetters.actions(this.dataSource.manager, id);
  }

  @Post('replay')
  @HttpCode(200)
  @Audited({ action: 'update', resource: 'dead-letter', id: replayedIds })
  @ApiOkResponse({ type: ReplayResultDto })
  @ApiOperation({ summary: 'Replay dead letters to their topics' })
  @ProblemResponses(404, 409)
  replay(
    @Body() body: ReplayDeadLettersDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReplayResultDto> {
    const command = new ReplayDeadLettersCommand({ principal, ids: body.ids });
    return this.units.run((uow) => this.replayDeadLetters.execute(command, uow));
  }

  @Post(':id/resolve')
  @HttpCode(204)
  @Audited({ action: 'update', resource: 'dead-letter', id: fromParam('id') })
  @ApiOperation({ summary: 'Resolve a dead letter without replaying it' })
  @ApiNoContentResponse({ description: 'Resolved, with the note' })
  @ProblemResponses(404, 409)
  async resolve(
    @UuidParam('id') id: string,
    @Body() body: ResolveDeadLetterDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const command = new ResolveDeadLetterCommand({ principal, id, note: body.note });
    await this.units.run((uow) => this.resolveDeadLetter.execute(command, uow));
  }
}
