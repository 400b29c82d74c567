import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Audited,
  AuditedWhenFilteredToYouth,
  firstOf,
  fromBody,
  fromParam,
  fromResult,
  setAuditSubject,
} from '@samenspel/audit';
import {
  CurrentPrincipal,
  ForbiddenError,
  HttpError,
  NotFoundError,
  type Principal,
  ProblemResponses,
  Roles,
  SERVICE_LOGGER,
  UuidParam,
} from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { NoteCipher, NoteDecryptionError } from '@samenspel/persistence';
import { TeamsRepository } from '../teams/teams.repository';
import { listScopeOf, maySee, maySeeNotes } from './access-policy';
import {
  CreateReferralBody,
  ListReferralsQuery,
  ReferralPage,
  ReferralView,
  TransitionBody,
  WarmHandoverBody,
  WarmHandoverOutcomeBody,
} from './dto/referral.dto';
import { etagOf, versionFromIfMatch } from './etag';
import type { ReferralEntity } from './referral.entity';
import { ReferralsRepository } from './referrals.repository';
import { toReferralView } from './referral-view';
import { CreateReferralCommand } from './usecases/create-referral/create-referral.command';
import { CreateReferral } from './usecases/create-referral/create-referral.usecase';
import { PlanWarmHandoverCommand } from './usecases/plan-warm-handover/plan-warm-handover.command';
import { PlanWarmHandover } from './usecases/plan-warm-handover/plan-warm-handover.usecase';
import { RecordWarmHandoverOutcomeCommand } from './usecases/record-warm-handover-outcome/record-warm-handover-outcome.command';
import { RecordWarmHandoverOutcome } from './usecases/record-warm-handover-outcome/record-warm-handover-outcome.usecase';
import { TransitionReferralCommand } from './usecases/transition-referral/transition-referral.command';
import { TransitionReferral } from './usecases/transition-referral/transition-referral.usecase';

/** The bit of the HTTP response the controller touches (headers), without depending on express's types. */
interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** The referral a route reads or changes, and the youngster it is about (known once the handler succeeded). */
const ofReferral = { id: firstOf(fromParam('id'), fromResult('id')), subject: fromResult('youthRef') };

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the referral as last read; a stale one gets 412',
};

@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsOfWork,
    private readonly referrals: ReferralsRepository,
    private readonly teams: TeamsRepository,
    private readonly cipher: NoteCipher,
    private readonly createReferral: CreateReferral,
    private readonly transitionReferral: TransitionReferral,
    private readonly planWarmHandover: PlanWarmHandover,
    private readonly recordOutcome: RecordWarmHandoverOutcome,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @Roles('intake-system', 'youth-worker', 'team-lead')
  @Audited({ action: 'create', resource: 'referral', ...ofReferral, subject: fromBody('youthRef') })
  @ApiCreatedResponse({ type: ReferralView, description: 'Created in status requested; ETag header' })
  @ApiUnprocessableEntityResponse({ description: 'consent-missing, or a direction the caller may not use' })
  @ApiOperation({ summary: 'Refer a youngster' })
  async create(
    @Body() body: CreateReferralBody,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ReferralView> {
    const party = await this.referringParty(principal, body);
    const command = new CreateReferralCommand({
      origin: 'api',
      direction: body.direction,
      phase: body.phase,
      youthRef: body.youthRef,
      ageYears: body.ageYears,
      postcode4: body.postcode4,
      municipalityCode: body.municipalityCode,
      reason: body.reason,
      themes: body.themes,
      note: body.note,
      consent: body.consent,
      referredBy: party.referredBy,
      referringTeamId: party.referringTeamId,
      receivingOrganisation: body.receivingOrganisation,
      actor: { role: principal.role, ref: principal.sub },
    });
    const { referral } = await this.units.run((uow) => this.createReferral.execute(command, uow));
    res.setHeader('ETag', etagOf(referral.version));
    res.setHeader('Location', `/api/v1/referrals/${referral.id}`);
    return toReferralView(referral, { decrypt: this.decryptorFor(principal, referral.id), history: [] });
  }

  @Get()
  // A list is audited when it is filtered to one youngster (?youthRef=); lists never carry notes.
  @AuditedWhenFilteredToYouth('referral')
  @ApiOkResponse({ type: ReferralPage })
  @ApiOperation({ summary: "List the referrals in the caller's scope" })
  async list(
    @Query() query: ListReferralsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralPage> {
    const scope = listScopeOf(principal, query.teamId);
    const { items, total } = await this.referrals.list(this.dataSource.manager, { ...query, ...scope });
    // Lists never carry notes: read one referral for that.
    return { items: items.map((r) => toReferralView(r)), total };
  }

  @Get(':id')
  @Audited({ action: 'read', resource: 'referral', ...ofReferral })
  @ApiOkResponse({ type: ReferralView, description: 'With its history; ETag header' })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'Another team or organisation' })
  @ApiOperation({ summary: 'Read a referral with its history' })
  async get(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ReferralView> {
    const em = this.dataSource.manager;
    const referral = await this.referrals.findById(em, id);
    if (!referral) throw new NotFoundError(`No referral ${id}`);
    // Named before the scope check, so a refused read of this youngster is audited as such.
    setAuditSubject(req, referral.youthRef);
    if (!maySee(principal, referral)) throw new ForbiddenError('This referral is not in your scope');
    res.setHeader('ETag', etagOf(referral.version));
    return toReferralView(referral, {
      decrypt: this.decryptorFor(principal, referral.id),
      history: await this.referrals.history(em, id),
    });
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('intake-system', 'youth-worker', 'team-lead', 'admin')
  @Audited({ action: 'update', resource: 'referral', ...ofReferral })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'illegal-transition' })
  @ApiPreconditionFailedResponse({ description: 'stale-version' })
  @ApiUnprocessableEntityResponse({ description: 'reason-required, outcome-required' })
  @ApiOperation({ summary: 'Move a referral to its next status' })
  @ProblemResponses(404)
  async transition(
    @UuidParam('id') id: string,
    @Body() body: TransitionBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ReferralView> {
    const command = new TransitionReferralCommand({
      referralId: id,
      to: body.to,
      reasonCode: body.reasonCode,
      outcome: body.outcome,
      note: body.note,
      expectedVersion: versionFromIfMatch(ifMatch),
      actor: { role: principal.role, ref: principal.sub },
      principal,
    });
    const referral = await this.units.run((uow) => this.transitionReferral.execute(command, uow));
    return this.withHistory(referral, principal, res);
  }

  @Post(':id/warm-handover')
  @HttpCode(200)
  @Roles('intake-system', 'youth-worker', 'team-lead', 'admin')
  @Audited({ action: 'update', resource: 'referral', ...ofReferral })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReferralView, description: 'Emits warm-handover-planned: a task for the team' })
  @ApiConflictResponse({ description: 'referral-closed, no-team' })
  @ApiOperation({ summary: 'Plan a warm handover of a referral' })
  @ProblemResponses(404, 412)
  async warmHandover(
    @UuidParam('id') id: string,
    @Body() body: WarmHandoverBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ReferralView> {
    const command = new PlanWarmHandoverCommand({
      principal,
      referralId: id,
      proposedAt: body.proposedAt,
      participantRoles: body.participantRoles,
      expectedVersion: versionFromIfMatch(ifMatch),
    });
    const referral = await this.units.run((uow) => this.planWarmHandover.execute(command, uow));
    return this.withHistory(referral, principal, res);
  }

  @Post(':id/warm-handover/outcome')
  @HttpCode(200)
  @Roles('intake-system', 'youth-worker', 'team-lead', 'admin')
  @Audited({ action: 'update', resource: 'referral', ...ofReferral })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'no-warm-handover' })
  @ApiOperation({ summary: 'Record the outcome of a warm handover' })
  @ProblemResponses(404, 412)
  async warmHandoverOutcome(
    @UuidParam('id') id: string,
    @Body() body: WarmHandoverOutcomeBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ReferralView> {
    const command = new RecordWarmHandoverOutcomeCommand({
      principal,
      referralId: id,
      tookPlace: body.tookPlace,
      expectedVersion: versionFromIfMatch(ifMatch),
    });
    const referral = await this.units.run((uow) => this.recordOutcome.execute(command, uow));
    return this.withHistory(referral, principal, res);
  }

  private async withHistory(referral: ReferralEntity, principal: Principal, res: HeaderSink) {
    res.setHeader('ETag', etagOf(referral.version));
    return toReferralView(referral, {
      decrypt: this.decryptorFor(principal, referral.id),
      history: await this.referrals.history(this.dataSource.manager, referral.id),
    });
  }

  /** Who refers: an intake system for its organisation (care to youth work), a youth worker for their team (toeleiding). */
  private async referringParty(principal: Principal, body: CreateReferralBody) {
    if (principal.role === 'intake-system') {
      if (!principal.org) throw new ForbiddenError('An intake-system token needs an org claim');
      if (body.direction !== 'care-to-youth-work' || body.phase === 'before') {
        throw new HttpError(
          422,
          'direction-not-allowed',
          'An intake system refers care-to-youth-work, during or after care',
        );
      }
      return {
        referredBy: { organisation: principal.org, role: body.referredByRole ?? 'care-worker' },
        referringTeamId: undefined,
      };
    }
    if (body.direction !== 'youth-work-to-care' || body.phase !== 'before') {
      throw new HttpError(
        422,
        'direction-not-allowed',
        'A youth-work team refers youth-work-to-care, before care',
      );
    }
    const teamId = principal.teamId!;
    const team = await this.teams.findById(this.dataSource.manager, teamId);
    return {
      referredBy: { organisation: team?.organisation ?? teamId, role: body.referredByRole ?? principal.role },
      referringTeamId: teamId,
    };
  }

  private decryptorFor(principal: Principal, referralId: string) {
    if (!maySeeNotes(principal)) return undefined;
    return (ciphertext: string) => {
      try {
        return this.cipher.decrypt(ciphertext, referralId);
      } catch (error) {
        if (!(error instanceof NoteDecryptionError)) throw error;
        // A key that was retired too early, or a tampered row: refuse to show it, and say so in the logs.
        this.logger.error({ referralId, problem: error.message }, 'a note does not decrypt');
        return '[note unreadable]';
      }
    };
  }
}
