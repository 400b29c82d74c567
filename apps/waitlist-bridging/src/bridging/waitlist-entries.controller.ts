import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundError, Roles } from '@samenspel/http';
import { DataSource } from 'typeorm';
import { BridgingMetrics } from './bridging.metrics';
import { BridgingRepository } from './bridging.repository';
import {
  ListEntriesQuery,
  MeasuresQuery,
  MeasuresView,
  WaitlistEntryPage,
  WaitlistEntryView,
} from './dto/waitlist-entry.dto';

/** Where each youngster on the waiting list stands in bridging: for intake systems and ops. */
@ApiTags('waitlist-entries')
@ApiBearerAuth()
@Controller()
export class WaitlistEntriesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: BridgingMetrics,
  ) {}

  @Get('waitlist-entries')
  @Roles('intake-system', 'ops', 'admin')
  @ApiOkResponse({ type: WaitlistEntryPage })
  async list(@Query() query: ListEntriesQuery): Promise<WaitlistEntryPage> {
    const repo = BridgingRepository.in(this.dataSource.manager);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = await repo.list({
      municipalityCode: query.municipalityCode,
      status: query.status,
      limit,
      offset,
    });
    const offers = await repo.offersOf(items.map((e) => e.waitlistEntryId));
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
  @ApiOkResponse({ type: WaitlistEntryView })
  async get(@Param('waitlistEntryId') waitlistEntryId: string): Promise<WaitlistEntryView> {
    const repo = BridgingRepository.in(this.dataSource.manager);
    const entry = await repo.entry(waitlistEntryId);
    if (!entry) throw new NotFoundError(`No waitlist entry ${waitlistEntryId}`, 'waitlist-entry-not-found');
    return WaitlistEntryView.of(entry, await repo.offers(waitlistEntryId));
  }

  @Get('measures')
  @Roles('ops', 'admin', 'intake-system', 'team-lead')
  @ApiOkResponse({ type: MeasuresView })
  async measures(@Query() query: MeasuresQuery): Promise<MeasuresView> {
    return { items: await this.metrics.measures(query.municipalityCode) };
  }
}
