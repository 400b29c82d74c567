import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, fromParam, fromResult } from '@samenspel/audit';
import {
  CurrentBearerToken,
  CurrentPrincipal,
  ProblemResponses,
  Roles,
  type Principal,
  UuidParam,
  YouthRefParam,
} from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { Response } from 'express';
import { FollowUpClaimView, ReassignFollowUpBody } from '../follow-ups/dto/follow-up-claim.view';
import { ClaimFollowUpCommand } from '../follow-ups/usecases/claim-follow-up/claim-follow-up.command';
import { ClaimFollowUp } from '../follow-ups/usecases/claim-follow-up/claim-follow-up.usecase';
import { ReassignFollowUpCommand } from '../follow-ups/usecases/reassign-follow-up/reassign-follow-up.command';
import { ReassignFollowUp } from '../follow-ups/usecases/reassign-follow-up/reassign-follow-up.usecase';
import { ReleaseFollowUpCommand } from '../follow-ups/usecases/release-follow-up/release-follow-up.command';
import { ReleaseFollowUp } from '../follow-ups/usecases/release-follow-up/release-follow-up.usecase';
import { TaskView } from '../tasks/dto/task.view';
import { viewFor } from '../tasks/team-access';
import {
  AcceptedOffer,
  DeclineOfferTaskBody,
  FirstContactBody,
  FollowUpStepBody,
  TeamOverview,
  WorkspaceCloseActivityBody,
  TaskDetail,
  WorkspaceAttendanceBody,
  WorkspaceWarmHandoverBody,
  WorkspaceWarmHandoverOutcomeBody,
} from './dto/workspace.dto';
import { OwningServicesPort } from './owning-services.port';
import { AcceptOfferTaskCommand } from './usecases/accept-offer-task/accept-offer-task.command';
import { AcceptOfferTask } from './usecases/accept-offer-task/accept-offer-task.usecase';
import { DeclineOfferTaskCommand } from './usecases/decline-offer-task/decline-offer-task.command';
import { DeclineOfferTask } from './usecases/decline-offer-task/decline-offer-task.usecase';
import { CompleteFollowUpStepCommand } from './usecases/complete-follow-up-step/complete-follow-up-step.command';
import { CompleteFollowUpStep } from './usecases/complete-follow-up-step/complete-follow-up-step.usecase';
import { RecordFirstContactCommand } from './usecases/record-first-contact/record-first-contact.command';
import { RecordFirstContact } from './usecases/record-first-contact/record-first-contact.usecase';
import { ShowTeamOverviewCommand } from './usecases/show-team-overview/show-team-overview.command';
import { ShowTeamOverview } from './usecases/show-team-overview/show-team-overview.usecase';
import { ShowTaskDetailCommand } from './usecases/show-task-detail/show-task-detail.command';
import { ShowTaskDetail } from './usecases/show-task-detail/show-task-detail.usecase';

const ofTask = { id: fromParam('id'), subject: fromResult('youthRef') };
const ofFollowUp = { id: fromParam('youthRef'), subject: fromParam('youthRef') };

/**
 * The workspace page's one origin for a worker's decisions: each route acts on the service that
 * owns the thing, as the worker (their own bearer token), so that service's rules, scoping and
 * audit apply. A refusal is answered with the owner's problem; an owner that does not answer gives
 * 503 owner-unavailable, and nothing is known to have changed (docs/notification.md).
 */
@ApiTags('workspace')
@ApiBearerAuth('bearer')
@Controller('workspace')
export class WorkspaceController {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly acceptOfferTask: AcceptOfferTask,
    private readonly declineOfferTask: DeclineOfferTask,
    private readonly showTaskDetail: ShowTaskDetail,
    private readonly owners: OwningServicesPort,
    private readonly claimFollowUp: ClaimFollowUp,
    private readonly releaseFollowUp: ReleaseFollowUp,
    private readonly reassignFollowUp: ReassignFollowUp,
    private readonly recordFirstContact: RecordFirstContact,
    private readonly completeFollowUpStep: CompleteFollowUpStep,
    private readonly showTeamOverview: ShowTeamOverview,
  ) {}

  @Get('team')
  @Roles('team-lead')
  @ApiOperation({
    summary:
      "The lead's team: open and overdue tasks per worker, its activities' live capacity, youngsters queued (a count)",
  })
  @ApiOkResponse({ type: TeamOverview })
  @ProblemResponses()
  team(
    @CurrentPrincipal() principal: Principal,
    @CurrentBearerToken() bearerToken: string,
  ): Promise<TeamOverview> {
    const command = new ShowTeamOverviewCommand({ principal, bearerToken, now: new Date() });
    return this.units.run((uow) => this.showTeamOverview.execute(command, uow));
  }

  @Post('follow-ups/:youthRef/claim')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'follow-up', ...ofFollowUp })
  @ApiOperation({
    summary: "Takes the youngster's follow-up as the caller's own: its open steps and every later one",
  })
  @ApiOkResponse({ type: FollowUpClaimView })
  @ProblemResponses(404, 409)
  claimFollowUpOf(
    @CurrentPrincipal() principal: Principal,
    @YouthRefParam('youthRef') youthRef: string,
  ): Promise<FollowUpClaimView> {
    const command = new ClaimFollowUpCommand({ principal, youthRef });
    return this.units.run((uow) => this.claimFollowUp.execute(command, uow));
  }

  @Post('follow-ups/:youthRef/release')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'follow-up', ...ofFollowUp })
  @ApiOperation({
    summary: "Gives the youngster's follow-up back to the team; the holder's open steps reopen",
  })
  @ApiOkResponse({ type: FollowUpClaimView })
  @ProblemResponses(404, 409)
  releaseFollowUpOf(
    @CurrentPrincipal() principal: Principal,
    @YouthRefParam('youthRef') youthRef: string,
  ): Promise<FollowUpClaimView> {
    const command = new ReleaseFollowUpCommand({ principal, youthRef });
    return this.units.run((uow) => this.releaseFollowUp.execute(command, uow));
  }

  @Post('follow-ups/:youthRef/reassign')
  @HttpCode(200)
  @Roles('team-lead')
  @Audited({ action: 'update', resource: 'follow-up', ...ofFollowUp })
  @ApiOperation({
    summary: "Hands the youngster's follow-up, with its open steps, to another worker of the team",
  })
  @ApiOkResponse({ type: FollowUpClaimView })
  @ProblemResponses(404, 422)
  reassignFollowUpOf(
    @CurrentPrincipal() principal: Principal,
    @YouthRefParam('youthRef') youthRef: string,
    @Body() body: ReassignFollowUpBody,
  ): Promise<FollowUpClaimView> {
    const command = new ReassignFollowUpCommand({ principal, youthRef, worker: body.worker });
    return this.units.run((uow) => this.reassignFollowUp.execute(command, uow));
  }

  @Get('tasks/:id')
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'read', resource: 'task', ...ofTask })
  @ApiOperation({
    summary:
      "A task with its activity (live seats) and its offer's hold, as the owners show them to the caller",
  })
  @ApiOkResponse({ type: TaskDetail })
  @ProblemResponses(404)
  detail(
    @CurrentPrincipal() principal: Principal,
    @CurrentBearerToken() bearerToken: string,
    @UuidParam('id') id: string,
  ): Promise<TaskDetail> {
    const command = new ShowTaskDetailCommand({ principal, bearerToken, taskId: id });
    return this.units.run((uow) => this.showTaskDetail.execute(command, uow));
  }

  @Post('tasks/:id/accept')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'task', ...ofTask })
  @ApiOperation({
    summary:
      "Accepts the task's offer in bridging, which confirms the seat; the task completes from the event",
  })
  @ApiOkResponse({ type: AcceptedOffer })
  @ProblemResponses(404, 409)
  accept(
    @CurrentPrincipal() principal: Principal,
    @CurrentBearerToken() bearerToken: string,
    @UuidParam('id') id: string,
  ): Promise<AcceptedOffer> {
    const command = new AcceptOfferTaskCommand({ principal, bearerToken, taskId: id });
    return this.units.run((uow) => this.acceptOfferTask.execute(command, uow));
  }

  @Post('tasks/:id/decline')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'task', ...ofTask })
  @ApiOperation({
    summary:
      'Completes the offer task as declined with the reason; bridging declines the offer from its event',
  })
  @ApiOkResponse({ type: TaskView })
  @ProblemResponses(404, 409, 422)
  async decline(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: DeclineOfferTaskBody,
  ): Promise<TaskView> {
    const command = new DeclineOfferTaskCommand({ principal, taskId: id, reason: body.reason });
    return viewFor(principal, await this.units.run((uow) => this.declineOfferTask.execute(command, uow)));
  }

  @Post('tasks/:id/first-contact')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'task', ...ofTask })
  @ApiOperation({
    summary: 'Records first contact on the first-contact step; its task.completed moves the referral',
  })
  @ApiOkResponse({ type: TaskView })
  @ProblemResponses(404, 409, 422)
  async firstContact(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: FirstContactBody,
  ): Promise<TaskView> {
    const command = new RecordFirstContactCommand({
      principal,
      taskId: id,
      outcome: body.outcome,
      note: body.note,
    });
    return viewFor(principal, await this.units.run((uow) => this.recordFirstContact.execute(command, uow)));
  }

  @Post('tasks/:id/follow-up-step')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'task', ...ofTask })
  @ApiOperation({
    summary: 'Completes a follow-up step with its outcome; its task.completed moves the referral',
  })
  @ApiOkResponse({ type: TaskView })
  @ProblemResponses(404, 409, 422)
  async followUpStep(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: FollowUpStepBody,
  ): Promise<TaskView> {
    const command = new CompleteFollowUpStepCommand({
      principal,
      taskId: id,
      outcome: body.outcome,
      note: body.note,
      youthVoice: body.youthVoice,
    });
    return viewFor(principal, await this.units.run((uow) => this.completeFollowUpStep.execute(command, uow)));
  }

  // The routes below only pass the worker's decision on: nothing of it is kept here, so they have
  // no use case of their own; the owner records and audits it.
  @Post('placements/:placementId/attendance')
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'create', resource: 'attendance', id: fromParam('placementId') })
  @ApiOperation({ summary: "Records a session's attendance in the activity service" })
  @ApiCreatedResponse({
    description: "The activity service's attendance record, as it answers the worker",
    schema: { type: 'object' },
  })
  @ProblemResponses(404, 409)
  async attendance(
    @CurrentBearerToken() bearerToken: string,
    @UuidParam('placementId') placementId: string,
    @Body() body: WorkspaceAttendanceBody,
  ): Promise<unknown> {
    const answer = await this.owners.send('activity', {
      method: 'POST',
      path: `/api/v1/placements/${placementId}/attendance`,
      bearerToken,
      body: { sessionDate: body.sessionDate, status: body.status },
    });
    return answer.body;
  }

  @Post('referrals/:referralId/warm-handover')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'referral', id: fromParam('referralId') })
  @ApiOperation({
    summary: 'Plans the warm handover meeting in the referral service; its event gives the team a task',
  })
  @ApiOkResponse({
    description: 'The referral as the referral service answers the worker, with its new ETag',
    schema: { type: 'object' },
  })
  @ProblemResponses(404, 409, 412)
  planWarmHandover(
    @CurrentBearerToken() bearerToken: string,
    @UuidParam('referralId') referralId: string,
    @Body() body: WorkspaceWarmHandoverBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.changeReferral(bearerToken, `${referralId}/warm-handover`, ifMatch, res, {
      proposedAt: body.proposedAt,
      participantRoles: body.participantRoles,
    });
  }

  @Post('referrals/:referralId/warm-handover/outcome')
  @HttpCode(200)
  @Roles('youth-worker', 'team-lead')
  @Audited({ action: 'update', resource: 'referral', id: fromParam('referralId') })
  @ApiOperation({ summary: 'Records whether the warm handover took place, in the referral service' })
  @ApiOkResponse({
    description: 'The referral as the referral service answers the worker, with its new ETag',
    schema: { type: 'object' },
  })
  @ProblemResponses(404, 409, 412)
  warmHandoverOutcome(
    @CurrentBearerToken() bearerToken: string,
    @UuidParam('referralId') referralId: string,
    @Body() body: WorkspaceWarmHandoverOutcomeBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.changeReferral(bearerToken, `${referralId}/warm-handover/outcome`, ifMatch, res, {
      tookPlace: body.tookPlace,
    });
  }

  /** A change to a referral as the worker: `If-Match` passed on, the owner's new ETag returned. */
  private async changeReferral(
    bearerToken: string,
    path: string,
    ifMatch: string | undefined,
    res: Response,
    body: object,
  ): Promise<unknown> {
    const answer = await this.owners.send('referral', {
      method: 'POST',
      path: `/api/v1/referrals/${path}`,
      bearerToken,
      body,
      ifMatch,
    });
    if (answer.etag) res.setHeader('ETag', answer.etag);
    return answer.body;
  }

  // A team-lead's decisions on the team's activities: the activity service's own status changes,
  // made as the lead, so its team scoping, rules and audit apply.
  @Post('activities/:activityId/publish')
  @HttpCode(200)
  @Roles('team-lead')
  @Audited({ action: 'update', resource: 'activity', id: fromParam('activityId') })
  @ApiOperation({ summary: 'Publishes the activity in the activity service, so that it takes placements' })
  @ApiOkResponse({
    description: 'The activity as the activity service answers the lead',
    schema: { type: 'object' },
  })
  @ProblemResponses(404, 409)
  publishActivity(@CurrentBearerToken() bearerToken: string, @UuidParam('activityId') activityId: string) {
    return this.changeActivity(bearerToken, activityId, 'publish');
  }

  @Post('activities/:activityId/pause')
  @HttpCode(200)
  @Roles('team-lead')
  @Audited({ action: 'update', resource: 'activity', id: fromParam('activityId') })
  @ApiOperation({ summary: 'Pauses the activity in the activity service: it takes no new placements' })
  @ApiOkResponse({
    description: 'The activity as the activity service answers the lead',
    schema: { type: 'object' },
  })
  @ProblemResponses(404, 409)
  pauseActivity(@CurrentBearerToken() bearerToken: string, @UuidParam('activityId') activityId: string) {
    return this.changeActivity(bearerToken, activityId, 'pause');
  }

  @Post('activities/:activityId/close')
  @HttpCode(200)
  @Roles('team-lead')
  @Audited({ action: 'update', resource: 'activity', id: fromParam('activityId') })
  @ApiOperation({ summary: 'Closes the activity in the activity service, which releases its placements' })
  @ApiOkResponse({
    description: 'The activity as the activity service answers the lead',
    schema: { type: 'object' },
  })
  @ProblemResponses(404, 409, 422)
  closeActivity(
    @CurrentBearerToken() bearerToken: string,
    @UuidParam('activityId') activityId: string,
    @Body() body: WorkspaceCloseActivityBody,
  ) {
    return this.changeActivity(bearerToken, activityId, 'close', body.reason ? { reason: body.reason } : {});
  }

  private async changeActivity(
    bearerToken: string,
    activityId: string,
    change: 'publish' | 'pause' | 'close',
    body: object = {},
  ): Promise<unknown> {
    const answer = await this.owners.send('activity', {
      method: 'POST',
      path: `/api/v1/activities/${activityId}/${change}`,
      bearerToken,
      body,
    });
    return answer.body;
  }
}
