import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Audited, fromParam, fromResult } from '@samenspel/audit';
import {
  CurrentPrincipal,
  NotFoundError,
  RecordIdParam,
  Roles,
  type Principal,
  ProblemResponses,
} from '@samenspel/http';
import { DataSource } from 'typeorm';
import { KnownActivitiesRepository } from '../activity-catalog/known-activities.repository';
import { visibleSources } from '../domain/intake-scope';
import { OffersRepository } from '../offers/offers.repository';
import { BridgingMetrics } from './bridging.metrics';
import {
  ListEntriesQuery,
  MeasuresQuery,
  MeasuresView,
  TeamQueueView,
  WaitlistEntryPage,
  WaitlistEntryView,
} from './dto/waitlist-entry.dto';
import { WaitlistEntriesRepository } from './waitlist-entries.repository';

/** Where each youngster on the waiting list stands in bridging: for intake systems and ops. */
@ApiTags('waitlist-entries')
@ApiBearerAuth()
@Controller()
export class WaitlistEntriesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entries: WaitlistEntriesRepository,
    private readonly offers: OffersRepository,
    private readonly metrics: BridgingMetrics,
    private readonly activities: KnownActivitiesRepository,
  ) {}

  /**
   * A team-lead's count of the youngsters queued for a seat in the municipalities where their own
   * team (the token's) has activities: numbers only, so it is not audited as a read of anyone.
   */
  @Get('team-queue')
  @Roles('team-lead')
  @ApiOkResponse({ type: TeamQueueView })
  @ApiOperation({ summary: "Count the youngsters queued in the municipalities of the caller's team" })
  async teamQueue(@CurrentPrincipal() principal: Principal): Promise<TeamQueueView> {
    const em = this.dataSource.manager;
    const teamId = principal.teamId as string;
    const codes = await this.activities.municipalitiesOfTeam(em, teamId);
    const counts = await this.entries.queuedIn(em, codes);
    const municipalities = codes.map((municipalityCode) => ({
      municipalityCode,
      queued: counts.get(municipalityCode) ?? 0,
    }));
    return { teamId, municipalities, queued: municipalities.reduce((sum, m) => sum + m.queued, 0) };
  }

  @Get('waitlist-entries')
  @Roles('intake-system', 'ops', 'admin')
  @ApiOkResponse({ type: WaitlistEntryPage })
  @ApiOperation({ summary: 'List waitlist entries' })
  async list(
    @Query() query: ListEntriesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WaitlistEntryPage> {
    const sources = visibleSources(principal);
    const em = this.dataSource.manager;
    const { limit, offset } = query;
    const { items, total } = await this.entries.list(em, {
      municipalityCode: query.municipalityCode,
      status: query.status,
      sources,
      limit,
      offset,
    });
    const offers = await this.offers.offersOf(
      em,
      items.map((e) => e.waitlistEntryId),
    );
    return {
      items: items.map((e) =>
        WaitlistEntryView.of(
          e,
          offers.filter((o) => o.waitlistEntryId === e.waitlistEntryId),
        ),
      ),
      total,
      limit,
      offset,
    };
  }

  @Get('waitlist-entries/:waitlistEntryId')
  @Roles('intake-system', 'ops', 'admin')
  @Audited({
    action: 'read',
    resource: 'waitlist-entry',
    id: fromParam('waitlistEntryId'),
    subject: fromResult('youthRef'),
  })
  @ApiOkResponse({ type: WaitlistEntryView })
  @ApiOperation({ summary: 'Read a waitlist entry with its offers' })
  @ProblemResponses(404)
  async get(
    @RecordIdParam('waitlistEntryId') waitlistEntryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WaitlistEntryView> {
    const sources = visibleSources(principal);
    const em = this.dataSource.manager;
    const entry = await this.entries.find(em, waitlistEntryId);
    if (!entry) throw new NotFoundError('No such waitlist entry', 'waitlist-entry-not-found');
    // Another organisation's entry answers 404: an intake system learns nothing about it; the
    // audit trail records the denied attempt on that youngster.
    if (sources && !sources.includes(entry.source)) {
      throw new NotFoundError('No such waitlist entry', 'waitlist-entry-not-found', {
        subjectRef: entry.youthRef,
        denied: true,
      });
    }
    return WaitlistEntryView.of(entry, await this.offers.ofEntry(em, waitlistEntryId));
  }

  @Get('measures')
  @Roles('ops', 'admin', 'intake-system', 'team-lead')
  @ApiOkResponse({ type: MeasuresView })
  @ApiOperation({ summary: 'Count bridging measures per municipality' })
  async measures(@Query() query: MeasuresQuery): Promise<MeasuresView> {
    return { items: await this.metrics.measures(query.municipalityCode) };
  }
}
