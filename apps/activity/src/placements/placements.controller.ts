import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import {
  Audited,
  AuditedWhenFilteredToYouth,
  type AuditPicker,
  fromBody,
  fromParam,
  fromResult,
  setAuditSubject,
  type AuditContext,
  type AuditItem,
} from '@samenspel/audit';
import { Clock } from '@samenspel/clock';
import { PlacementNotFound } from '@samenspel/contracts';
import { CurrentPrincipal, Roles, type Principal, UuidParam, ProblemResponses } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import { attendanceRate, RETENTION_WEEKS, stillParticipating } from '../domain/participation';
import { assertActsForTeam, ownTeamOf } from '../domain/team-scope';
import {
  AttendanceSummaryView,
  AttendanceView,
  CompletePlacementDto,
  HoldBestBatchDto,
  HoldBestBatchItemView,
  HoldBestBatchView,
  HoldBestPlacementDto,
  HoldBestView,
  HoldPlacementDto,
  ListPlacementsQuery,
  PlacementAttendanceView,
  PlacementPage,
  PlacementReasonDto,
  PlacementView,
  RecordAttendanceDto,
} from './dto/placement.dto';
import { PlacementsRepository } from './placements.repository';
import { runHold } from './run-hold';
import { ChangePlacementCommand } from './usecases/change-placement/change-placement.command';
import { ChangePlacement } from './usecases/change-placement/change-placement.usecase';
import {
  HoldBestSeatsCommand,
  type BestSeatRequest,
} from './usecases/hold-best-seats/hold-best-seats.command';
import { HoldBestSeats } from './usecases/hold-best-seats/hold-best-seats.usecase';
import { HoldPlacementCommand } from './usecases/hold-placement/hold-placement.command';
import { HoldPlacement } from './usecases/hold-placement/hold-placement.usecase';
import { RecordAttendanceCommand } from './usecases/record-attendance/record-attendance.command';
import { RecordAttendance } from './usecases/record-attendance/record-attendance.usecase';
import { SummariseAttendanceCommand } from './usecases/summarise-attendance/summarise-attendance.command';
import { SummariseAttendance } from './usecases/summarise-attendance/summarise-attendance.usecase';

/** A change of one placement, and the youngster it is about. */
const placementChange = {
  action: 'update',
  resource: 'placement',
  id: fromParam('placementId'),
  subject: fromResult('youthRef'),
} as const;

/** The id of the placement a hold-best answer holds (none when no seat was free). */
const heldPlacementId: AuditPicker = ({ result }) => (result as HoldBestView | undefined)?.held?.placement.id;

/**
 * One audit record per youngster of a hold-best batch: the seat held (or none) and the status a
 * single call would have had; for a denied or failed batch, each youngster it named.
 */
const eachOfBatch = ({ req, result }: AuditContext): AuditItem[] => {
  const items = (req.body as { items?: unknown } | undefined)?.items;
  const asked = Array.isArray(items) ? items : [];
  const answered = (result as HoldBestBatchView | undefined)?.results;
  return asked.map((item: unknown, i): AuditItem => {
    const youthRef = (item as { youthRef?: unknown } | null)?.youthRef;
    const answer = answered?.[i];
    return {
      ...(typeof youthRef === 'string' && { subject: youthRef }),
      ...(answer?.held && { id: answer.held.placement.id }),
      ...(answer && { statusCode: answer.status }),
    };
  });
};

/** Placements: `service` (the bridging and referral services), admin, and the team's own people. */
@ApiTags('placements')
@Controller()
export class PlacementsController {
  constructor(
    private readonly holdPlacement: HoldPlacement,
    private readonly holdBestSeats: HoldBestSeats,
    private readonly changePlacement: ChangePlacement,
    private readonly recordAttendance: RecordAttendance,
    private readonly summariseAttendance: SummariseAttendance,
    private readonly placements: PlacementsRepository,
    private readonly units: UnitsOfWork,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post('placements')
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited({ action: 'create', resource: 'placement', id: fromResult('id'), subject: fromBody('youthRef') })
  @ApiCreatedResponse({ type: PlacementView, description: 'A new hold' })
  @ApiOkResponse({
    type: PlacementView,
    description: 'The earlier placement of this reference (idempotent replay)',
  })
  @ApiConflictResponse({
    description: 'problem+json: no-capacity, activity-not-open, already-placed or reference-conflict',
  })
  @ApiOperation({ summary: 'Hold a seat on an activity for a youngster' })
  @ProblemResponses(404)
  async hold(
    @CurrentPrincipal() principal: Principal,
    @Body() body: HoldPlacementDto,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<PlacementView> {
    const command = new HoldPlacementCommand({
      principal,
      activityId: body.activityId,
      youthRef: body.youthRef,
      reference: body.reference,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
    });
    const { placement, created } = await runHold(this.units, (uow) =>
      this.holdPlacement.execute(command, uow),
    );
    res.status(created ? 201 : 200);
    return PlacementView.of(placement);
  }

  @Post('placements/hold-best')
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited({ action: 'create', resource: 'placement', id: heldPlacementId, subject: fromBody('youthRef') })
  @ApiCreatedResponse({
    type: HoldBestView,
    description: 'A new hold in the best eligible activity with a free seat (team roles: their own team)',
  })
  @ApiOkResponse({
    type: HoldBestView,
    description:
      'The earlier placement of this reference (idempotent replay), or `held: null` when no eligible activity has a free seat',
  })
  @ApiConflictResponse({ description: 'problem+json: reference-conflict' })
  @ApiOperation({ summary: 'Hold a seat on the best-matching activity for a youngster' })
  @ProblemResponses(404)
  async holdBest(
    @CurrentPrincipal() principal: Principal,
    @Body() body: HoldBestPlacementDto,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<HoldBestView> {
    const [result] = await this.holdBestSeats.execute(
      new HoldBestSeatsCommand({ principal, youngsters: [bestSeatRequest(body)] }),
    );
    // The batch of one answers a refusal; a single call throws it, for its problem+json.
    if ('refused' in result!) throw result.refused;
    res.status(result.placement && result.created ? 201 : 200);
    return HoldBestView.of(result);
  }

  @Post('placements/hold-best/batch')
  @HttpCode(200)
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited({ action: 'create', resource: 'placement', each: eachOfBatch })
  @ApiOkResponse({
    type: HoldBestBatchView,
    description:
      'For each youngster in the order asked, what `POST /placements/hold-best` would have answered: a seat, ' +
      '`held: null`, or a problem. Earlier items are served first (first come, first served); ' +
      'one transaction for the whole batch',
  })
  @ApiOperation({ summary: 'Hold a seat on the best-matching activity for each youngster of a batch' })
  async holdBestBatch(
    @CurrentPrincipal() principal: Principal,
    @Body() body: HoldBestBatchDto,
    @Req() req: { originalUrl?: string; url?: string },
  ): Promise<HoldBestBatchView> {
    const results = await this.holdBestSeats.execute(
      new HoldBestSeatsCommand({ principal, youngsters: body.items.map(bestSeatRequest) }),
    );
    const instance = (req.originalUrl ?? req.url ?? '/').split('?')[0];
    return { results: results.map((result) => HoldBestBatchItemView.of(result, instance)) };
  }

  @Get('placements')
  @Roles('service', 'admin', 'ops', 'team-lead', 'youth-worker')
  // Audited when filtered to one youngster (?youthRef=); by activity or status it is a team's list.
  @AuditedWhenFilteredToYouth('placement')
  @ApiOkResponse({ type: PlacementPage })
  @ApiOperation({ summary: 'List placements' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListPlacementsQuery,
  ): Promise<PlacementPage> {
    const { limit, offset } = query;
    // Team roles see their own team's placements only.
    const teamId = ownTeamOf(principal);
    const page = await this.placements.list(this.dataSource.manager, { ...query, teamId, limit, offset });
    return { items: page.items.map(PlacementView.of), total: page.total, limit, offset };
  }

  @Get('placements/:placementId')
  @Roles('service', 'admin', 'ops', 'team-lead', 'youth-worker')
  @Audited({ action: 'read', resource: 'placement', id: fromParam('placementId') })
  @ApiOkResponse({ type: PlacementView })
  @ApiOperation({ summary: 'Read a placement' })
  @ProblemResponses(404)
  async get(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('placementId') placementId: string,
    @Req() req: object,
  ): Promise<PlacementView> {
    const placement = await this.placements.find(this.dataSource.manager, placementId);
    if (!placement) throw new PlacementNotFound();
    setAuditSubject(req, placement.youthRef);
    assertActsForTeam(principal, placement.teamId);
    return PlacementView.of(placement);
  }

  @Post('placements/:placementId/confirm')
  @HttpCode(200)
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited(placementChange)
  @ApiOkResponse({ type: PlacementView })
  @ApiOperation({ summary: 'Confirm a held seat' })
  @ProblemResponses(404, 409)
  confirm(@CurrentPrincipal() p: Principal, @UuidParam('placementId') id: string) {
    return this.change(p, id, 'confirm');
  }

  @Post('placements/:placementId/release')
  @HttpCode(200)
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited(placementChange)
  @ApiOkResponse({ type: PlacementView })
  @ApiOperation({ summary: 'Release a placement' })
  @ProblemResponses(404, 409)
  release(
    @CurrentPrincipal() p: Principal,
    @UuidParam('placementId') id: string,
    @Body() body: PlacementReasonDto,
  ) {
    return this.change(p, id, 'release', body?.reason);
  }

  @Post('placements/:placementId/cancel')
  @HttpCode(200)
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited(placementChange)
  @ApiOkResponse({ type: PlacementView })
  @ApiOperation({ summary: 'Cancel a placement' })
  @ProblemResponses(404, 409)
  cancel(
    @CurrentPrincipal() p: Principal,
    @UuidParam('placementId') id: string,
    @Body() body: PlacementReasonDto,
  ) {
    return this.change(p, id, 'cancel', body?.reason);
  }

  @Post('placements/:placementId/complete')
  @HttpCode(200)
  @Roles('service', 'admin', 'team-lead', 'youth-worker')
  @Audited(placementChange)
  @ApiOkResponse({ type: PlacementView })
  @ApiOperation({
    summary: "Complete a placement, with the youngster's own view of it if they gave one",
  })
  @ProblemResponses(404, 409)
  complete(
    @CurrentPrincipal() p: Principal,
    @UuidParam('placementId') id: string,
    @Body() body: CompletePlacementDto,
  ) {
    const voice = body?.youthVoice;
    // Each word of what helped once, as the view is counted per word.
    const youthVoice = voice && { score: voice.score, helped: [...new Set(voice.helped)] };
    return this.change(p, id, 'complete', undefined, youthVoice);
  }

  @Post('placements/:placementId/attendance')
  @Roles('admin', 'team-lead', 'youth-worker')
  @Audited({ action: 'create', resource: 'attendance', id: fromParam('placementId') })
  @ApiCreatedResponse({ type: AttendanceView })
  @ApiOperation({ summary: "Record a youngster's attendance of one session" })
  @ProblemResponses(404, 409)
  async attend(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('placementId') placementId: string,
    @Body() body: RecordAttendanceDto,
    @Req() req: object,
  ): Promise<AttendanceView> {
    const command = new RecordAttendanceCommand({
      principal,
      placementId,
      sessionDate: body.sessionDate,
      status: body.status,
    });
    const { record, youthRef } = await this.units.run((uow) => this.recordAttendance.execute(command, uow));
    // The attendance view does not carry the youthRef; its audit record does.
    setAuditSubject(req, youthRef);
    return AttendanceView.of(record);
  }

  @Get('placements/:placementId/attendance')
  @Roles('admin', 'ops', 'team-lead', 'youth-worker', 'service')
  @Audited({ action: 'read', resource: 'attendance', id: fromParam('placementId') })
  @ApiOkResponse({ type: PlacementAttendanceView })
  @ApiOperation({ summary: 'Read the attendance of a placement' })
  @ProblemResponses(404)
  async attendanceOf(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('placementId') placementId: string,
    @Req() req: object,
  ): Promise<PlacementAttendanceView> {
    const em = this.dataSource.manager;
    const placement = await this.placements.find(em, placementId);
    if (!placement) throw new PlacementNotFound();
    setAuditSubject(req, placement.youthRef);
    assertActsForTeam(principal, placement.teamId);
    const sessions = await this.placements.attendanceOf(em, [placementId]);
    const now = this.clock.now();
    return {
      placementId,
      sessions: sessions.map(AttendanceView.of),
      attendanceRate: attendanceRate(sessions),
      participation: Object.fromEntries(
        RETENTION_WEEKS.map((w) => [
          String(w),
          placement.confirmedAt ? stillParticipating(placement.confirmedAt, w, sessions, now) : null,
        ]),
      ),
    };
  }

  /** Impact figures of one activity, aggregated: no youthRefs, no names. */
  @Get('activities/:activityId/attendance-summary')
  @Roles('admin', 'ops', 'team-lead', 'youth-worker', 'service')
  @ApiOkResponse({ type: AttendanceSummaryView })
  @ApiOperation({ summary: "Summarise an activity's attendance" })
  @ProblemResponses(404)
  async summary(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('activityId') activityId: string,
  ): Promise<AttendanceSummaryView> {
    const command = new SummariseAttendanceCommand({ principal, activityId });
    return this.units.run((uow) => this.summariseAttendance.execute(command, uow));
  }

  private async change(
    principal: Principal,
    id: string,
    change: ChangePlacementCommand['change'],
    reason?: string,
    youthVoice?: ChangePlacementCommand['youthVoice'],
  ) {
    const command = new ChangePlacementCommand({ principal, placementId: id, change, reason, youthVoice });
    return PlacementView.of(await this.units.run((uow) => this.changePlacement.execute(command, uow)));
  }
}

function bestSeatRequest(body: HoldBestPlacementDto): BestSeatRequest {
  return {
    query: {
      ageYears: body.ageYears,
      postcode4: body.postcode4,
      municipalityCode: body.municipalityCode,
      interests: body.interests,
      ...(body.excludeActivityIds && { excludeActivityIds: body.excludeActivityIds }),
      ...(body.limit !== undefined && { limit: body.limit }),
    },
    youthRef: body.youthRef,
    reference: body.reference,
    expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
  };
}
