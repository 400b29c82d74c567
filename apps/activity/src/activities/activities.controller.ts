import { applyDecorators, Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited, fromParam, fromResult } from '@samenspel/audit';
import { ActivityNotFound } from '@samenspel/contracts';
import { CurrentPrincipal, Roles, type Principal, UuidParam, ProblemResponses } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import type { ActivityStatus } from '../domain/activity-status';
import { ActivitiesRepository } from './activities.repository';
import type { ActivityFields } from './activity.entity';
import {
  ActivityPage,
  ActivityView,
  CloseActivityDto,
  CreateActivityDto,
  ListActivitiesQuery,
  UpdateActivityDto,
} from './dto/activity.dto';
import { ChangeActivityStatusCommand } from './usecases/change-activity-status/change-activity-status.command';
import { ChangeActivityStatus } from './usecases/change-activity-status/change-activity-status.usecase';
import { CloseActivityCommand } from './usecases/close-activity/close-activity.command';
import { CloseActivity } from './usecases/close-activity/close-activity.usecase';
import { CreateActivityCommand } from './usecases/create-activity/create-activity.command';
import { CreateActivity } from './usecases/create-activity/create-activity.usecase';
import { UpdateActivityCommand } from './usecases/update-activity/update-activity.command';
import { UpdateActivity } from './usecases/update-activity/update-activity.usecase';

/** Catalogue changes are audited (without a youngster); reading the catalogue is not. */
const activityChange = { action: 'update', resource: 'activity', id: fromParam('activityId') } as const;

/** What publishing, pausing and closing share: who may do it, its audit and its problems. */
const ActivityStatusChange = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    Roles('team-lead', 'admin'),
    Audited(activityChange),
    ApiOperation({ summary }),
    ProblemResponses(404, 409),
  );

/** Writes are for a team-lead of the owning team, or admin; anyone authenticated may read. */
@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(
    private readonly createActivity: CreateActivity,
    private readonly updateActivity: UpdateActivity,
    private readonly changeStatus: ChangeActivityStatus,
    private readonly closeActivity: CloseActivity,
    private readonly activities: ActivitiesRepository,
    private readonly units: UnitsOfWork,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Roles('team-lead', 'admin')
  @Audited({ action: 'create', resource: 'activity', id: fromResult('id') })
  @ApiCreatedResponse({ type: ActivityView, description: 'Created as a draft' })
  @ApiOperation({ summary: 'Create an activity as a draft' })
  @ProblemResponses(404)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateActivityDto,
  ): Promise<ActivityView> {
    const fields: ActivityFields = {
      teamId: body.teamId,
      title: body.title,
      description: body.description ?? '',
      kind: body.kind,
      themes: [...new Set(body.themes)],
      minAge: body.minAge,
      maxAge: body.maxAge,
      municipalityCode: body.municipalityCode,
      postcode4: body.postcode4,
      locationName: body.locationName ?? null,
      accessibilityNotes: body.accessibilityNotes ?? null,
      schedule: { ...body.schedule },
      contactRole: body.contactRole,
      capacity: body.capacity,
    };
    const command = new CreateActivityCommand({ principal, fields });
    return ActivityView.of(await this.units.run((uow) => this.createActivity.execute(command, uow)));
  }

  @Patch(':activityId')
  @Roles('team-lead', 'admin')
  @Audited(activityChange)
  @ApiOkResponse({ type: ActivityView })
  @ApiConflictResponse({ description: 'problem+json capacity-below-occupied or activity-closed' })
  @ApiOperation({ summary: 'Change an activity' })
  @ProblemResponses(404)
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('activityId') activityId: string,
    @Body() body: UpdateActivityDto,
  ): Promise<ActivityView> {
    const changes = { ...body, ...(body.themes && { themes: [...new Set(body.themes)] }) };
    if (body.schedule) changes.schedule = { ...body.schedule };
    const command = new UpdateActivityCommand({ principal, activityId, changes });
    return ActivityView.of(await this.units.run((uow) => this.updateActivity.execute(command, uow)));
  }

  @Post(':activityId/publish')
  @ActivityStatusChange('Publish an activity, so that it takes placements')
  @ApiOkResponse({ type: ActivityView })
  publish(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('activityId') activityId: string,
  ): Promise<ActivityView> {
    return this.changeStatusOf(principal, activityId, 'publish');
  }

  @Post(':activityId/pause')
  @ActivityStatusChange('Pause an activity: it takes no new placements')
  @ApiOkResponse({ type: ActivityView })
  pause(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('activityId') activityId: string,
  ): Promise<ActivityView> {
    return this.changeStatusOf(principal, activityId, 'pause');
  }

  @Post(':activityId/close')
  @ActivityStatusChange('Close an activity and release its placements')
  @ApiOkResponse({ type: ActivityView, description: 'Active placements are released, each with its event' })
  @ApiUnprocessableEntityResponse({
    description: 'problem+json reason-required: active placements and no reason',
  })
  async close(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('activityId') activityId: string,
    @Body() body: CloseActivityDto,
  ): Promise<ActivityView> {
    const command = new CloseActivityCommand({ principal, activityId, reason: body?.reason });
    return ActivityView.of(await this.units.run((uow) => this.closeActivity.execute(command, uow)));
  }

  @Get()
  @ApiOkResponse({ type: ActivityPage })
  @ApiOperation({ summary: 'List the activities of the catalogue' })
  async list(@Query() query: ListActivitiesQuery): Promise<ActivityPage> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const page = await this.activities.search(this.dataSource.manager, {
      age: query.age,
      municipalityCode: query.municipalityCode,
      postcode4: query.postcode4,
      themes: query.themes,
      withFreeSeats: query.withFreeSeats,
      status: query.status as ActivityStatus | undefined,
      teamId: query.teamId,
      limit,
      offset,
    });
    return { items: page.items.map(ActivityView.of), total: page.total, limit, offset };
  }

  @Get(':activityId')
  @ApiOkResponse({
    type: ActivityView,
    description: 'With live capacity {capacity, held, confirmed, available}',
  })
  @ApiOperation({ summary: 'Read an activity' })
  @ProblemResponses(404)
  async get(@UuidParam('activityId') activityId: string): Promise<ActivityView> {
    const activity = await this.activities.find(this.dataSource.manager, activityId);
    if (!activity) throw new ActivityNotFound();
    return ActivityView.of(activity);
  }

  private async changeStatusOf(
    principal: Principal,
    activityId: string,
    change: ChangeActivityStatusCommand['change'],
  ): Promise<ActivityView> {
    const command = new ChangeActivityStatusCommand({ principal, activityId, change });
    return ActivityView.of(await this.units.run((uow) => this.changeStatus.execute(command, uow)));
  }
}
