import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  NotFoundError,
  PageQuery,
  Roles,
  type Principal,
  UuidParam,
  ProblemResponses,
} from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import { youthRefShownTo } from '../domain/erasure-progress';
import {
  ErasureRequestDto,
  ErasureRequestPageDto,
  RequestErasureDto,
  toErasureRequestDto,
} from './dto/erasure.dto';
import { ErasuresRepository } from './erasures.repository';
import { RequestErasureCommand } from './usecases/request-erasure/request-erasure.command';
import { RequestErasure } from './usecases/request-erasure/request-erasure.usecase';

/**
 * Erasure requests (AVG art. 17): an admin files one; admins and ops follow which services have
 * confirmed. Ops never see the youthRef; once every service confirmed, nobody does.
 */
@ApiTags('erasures')
@ApiBearerAuth()
@Controller('erasures')
export class ErasuresController {
  constructor(
    private readonly requestErasure: RequestErasure,
    private readonly requests: ErasuresRepository,
    private readonly units: UnitsOfWork,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({ type: ErasureRequestDto })
  @ApiOperation({ summary: "Request the erasure of a youngster's data in every service" })
  async request(
    @Body() body: RequestErasureDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErasureRequestDto> {
    const command = new RequestErasureCommand({
      youthRef: body.youthRef,
      reason: body.reason,
      requestedBy: principal.sub,
    });
    const record = await this.units.run((uow) => this.requestErasure.execute(command, uow));
    return toErasureRequestDto(record, youthRefShownTo(principal.role, record.youthRef));
  }

  @Get()
  @Roles('admin', 'ops')
  @ApiOkResponse({ type: ErasureRequestPageDto })
  @ApiOperation({ summary: 'List erasure requests with their confirmations' })
  async list(
    @Query() page: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErasureRequestPageDto> {
    const { items, total } = await this.inOneSnapshot((em) => this.requests.list(em, page));
    return {
      items: items.map((r) => toErasureRequestDto(r, youthRefShownTo(principal.role, r.youthRef))),
      total,
    };
  }

  @Get(':id')
  @Roles('admin', 'ops')
  @ApiOkResponse({ type: ErasureRequestDto })
  @ApiOperation({ summary: 'Read an erasure request with its confirmations' })
  @ProblemResponses(404)
  async get(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErasureRequestDto> {
    const record = await this.inOneSnapshot((em) => this.requests.find(em, id));
    if (!record) throw new NotFoundError(`no erasure request ${id}`);
    return toErasureRequestDto(record, youthRefShownTo(principal.role, record.youthRef));
  }

  /**
   * A request and its confirmations read from one snapshot: read one after the other, a
   * confirmation committed in between (with the request's completion) would show a request
   * complete that still shows its youthRef.
   */
  private inOneSnapshot<T>(read: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.units.run(({ em }) => read(em), 'REPEATABLE READ');
  }
}
