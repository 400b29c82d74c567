import {
  All,
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Patch,
  Query,
  Req,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Audited, fromParam, setAuditSubject } from '@samenspel/audit';
import {
  CurrentPrincipal,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ParamFormatPipe,
  Public,
  Roles,
  type Principal,
} from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import type { Bundle, CapabilityStatement, Consent, Organization, ServiceRequest, Task } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { capabilityStatement } from '../domain/fhir/capability-statement';
import {
  toConsent,
  toOrganization,
  toSearchset,
  toServiceRequest,
  toTask,
} from '../domain/fhir/fhir-resources';
import { FHIR_ID, REFERRAL_ID } from '../domain/fhir/fhir-systems';
import { parseTaskSearch } from '../domain/fhir/task-search';
import { listScopeOf, maySee } from '../referrals/access-policy';
import { versionFromIfMatch } from '../referrals/etag';
import type { ReferralEntity } from '../referrals/referral.entity';
import { ReferralsRepository } from '../referrals/referrals.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { FhirJsonInterceptor } from './fhir-json.interceptor';
import { OperationOutcomeFilter } from './operation-outcome.filter';
import { PatchTaskCommand } from './usecases/patch-task/patch-task.command';
import { PatchTask } from './usecases/patch-task/patch-task.usecase';

/** A path id of a FHIR resource; anything else is a 400 OperationOutcome naming the id, never quoting it. */
const FhirIdParam = (name: string) =>
  Param(
    name,
    new ParamFormatPipe({
      test: (value) => FHIR_ID.test(value),
      message: 'must be a FHIR id: 1-64 of [A-Za-z0-9-.]',
    }),
  );

/** The bits of an express request and response the controller touches. */
interface FhirRequest {
  protocol: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}
interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** When what the CapabilityStatement says last changed. */
const CAPABILITIES_DATE = '2026-12-07';
const SOFTWARE_VERSION = '0.1.0';
const SERVED_TYPES = ['metadata', 'Task', 'ServiceRequest', 'Consent', 'Organization'];
const CHANGERS = ['intake-system', 'youth-worker', 'team-lead', 'admin'] as const;
const ofReferral = { resource: 'referral', id: fromParam('id') };

/** The weak ETag FHIR uses for a version: `W/"3"`. */
const fhirEtag = (version: number) => `W/"${version}"`;

/**
 * FHIR R4 under /fhir: the referral as the Gravity closed-loop Task with its ServiceRequest and
 * Consent, and teams as Organizations. Left out of the OpenAPI document: a FHIR client learns the
 * interface from GET /fhir/metadata, the CapabilityStatement.
 */
@ApiExcludeController()
@Controller('fhir')
@UseFilters(OperationOutcomeFilter)
@UseInterceptors(FhirJsonInterceptor)
export class FhirController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsOfWork,
    private readonly referrals: ReferralsRepository,
    private readonly teams: TeamsRepository,
    private readonly patchTask: PatchTask,
  ) {}

  @Get('metadata')
  @Public()
  metadata(@Req() req: FhirRequest): CapabilityStatement {
    return capabilityStatement({ base: baseOf(req), version: SOFTWARE_VERSION, date: CAPABILITIES_DATE });
  }

  @Get('Task')
  // A search by focus reads one referral, and so one youngster: audited as a read of it.
  @Audited({
    action: 'read',
    resource: 'referral',
    when: ({ req }) => req.query?.focus !== undefined,
    id: ({ result }) => onlyTask(result)?.id,
    subject: ({ result }) => onlyTask(result)?.for?.identifier?.value,
  })
  async searchTasks(
    @Query() query: Record<string, string | string[] | undefined>,
    @CurrentPrincipal() principal: Principal,
    @Req() req: FhirRequest,
  ): Promise<Bundle<Task>> {
    const search = parseTaskSearch(query);
    const em = this.dataSource.manager;
    const { items, total } = await this.referrals.list(em, {
      statuses: search.statuses,
      receivingTeamId: search.ownerTeamId,
      id: search.referralId,
      updated: search.updated,
      oldestChangeFirst: true,
      limit: search.count,
      offset: search.offset,
      ...listScopeOf(principal),
    });
    const reasons = await this.referrals.latestReasons(
      em,
      items.map((r) => r.id),
    );
    const base = baseOf(req);
    const next =
      search.offset + items.length < total ? pageLink(base, query, search.offset + items.length) : undefined;
    return toSearchset(
      base,
      items.map((r) => toTask(r, reasons.get(r.id))),
      { total, self: pageLink(base, query, search.offset), next },
    );
  }

  @Get('Task/:id')
  @Audited({ action: 'read', ...ofReferral })
  async readTask(
    @FhirIdParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<Task> {
    return this.readOf(id, principal, req, res, (referral) => this.taskOf(referral));
  }

  /** A status move as a JSON Patch (PatchTask, which moves the referral as the REST API does). */
  @Patch('Task/:id')
  @Roles(...CHANGERS)
  @Audited({ action: 'update', ...ofReferral })
  async patch(
    @FhirIdParam('id') id: string,
    @Body() patch: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<Task> {
    const command = new PatchTaskCommand({
      referralId: id,
      patch,
      expectedVersion: versionFromIfMatch(ifMatch),
      principal,
    });
    const moved = await this.units.run((uow) => this.patchTask.execute(command, uow));
    setAuditSubject(req, moved.youthRef);
    // As stored, so that meta.lastUpdated is the one a later read and a search by _lastUpdated see.
    const referral = (await this.referrals.findById(this.dataSource.manager, moved.id)) ?? moved;
    res.setHeader('ETag', fhirEtag(referral.version));
    return this.taskOf(referral);
  }

  @Get('ServiceRequest/:id')
  @Audited({ action: 'read', ...ofReferral })
  async readServiceRequest(
    @FhirIdParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ServiceRequest> {
    return this.readOf(id, principal, req, res, toServiceRequest);
  }

  @Get('Consent/:id')
  @Audited({ action: 'read', ...ofReferral })
  async readConsent(
    @FhirIdParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: object,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<Consent> {
    return this.readOf(id, principal, req, res, toConsent);
  }

  @Get('Organization/:id')
  async readOrganization(@FhirIdParam('id') id: string): Promise<Organization> {
    const team = await this.teams.findById(this.dataSource.manager, id);
    if (!team) throw new NotFoundError('No such Organization');
    return toOrganization(team);
  }

  /**
   * Anything else: an interaction a served type lacks (PUT, DELETE, a search of ServiceRequest) is
   * 405; any other type, Patient included, 404. It declares the body a PUT or POST may carry, so
   * that the answer is about the interaction, not about the body.
   */
  @All('{*path}')
  unsupported(@Param('path') path: string[], @Body() _resource: unknown): never {
    if (SERVED_TYPES.includes(path[0])) {
      throw new HttpError(
        405,
        'method-not-allowed',
        'The CapabilityStatement lists the interactions of each type',
      );
    }
    throw new HttpError(
      404,
      'not-supported',
      'This server offers what its CapabilityStatement lists: Task, ServiceRequest, Consent and Organization',
    );
  }

  /** The referral behind a Task, ServiceRequest or Consent id, if the caller may see it (as the REST API). */
  private async visibleReferral(id: string, principal: Principal, req: object): Promise<ReferralEntity> {
    const em = this.dataSource.manager;
    const referral = REFERRAL_ID.test(id) ? await this.referrals.findById(em, id) : null;
    if (!referral) throw new NotFoundError('No such resource');
    // Named before the scope check, so a refused read of this youngster is audited as such.
    setAuditSubject(req, referral.youthRef);
    if (!maySee(principal, referral)) throw new ForbiddenError('This referral is not in your scope');
    return referral;
  }

  /** One resource of a referral the caller may see, with the referral's version as ETag. */
  private async readOf<R>(
    id: string,
    principal: Principal,
    req: object,
    res: HeaderSink,
    resourceOf: (referral: ReferralEntity) => R | Promise<R>,
  ): Promise<R> {
    const referral = await this.visibleReferral(id, principal, req);
    res.setHeader('ETag', fhirEtag(referral.version));
    return resourceOf(referral);
  }

  /** The Task of a referral, with the reason of its last move. */
  private async taskOf(referral: ReferralEntity): Promise<Task> {
    const reasons = await this.referrals.latestReasons(this.dataSource.manager, [referral.id]);
    return toTask(referral, reasons.get(referral.id));
  }
}

/** The one Task a search by focus found. */
function onlyTask(bundle: unknown): Task | undefined {
  return (bundle as Bundle<Task> | undefined)?.entry?.[0]?.resource;
}

/** The absolute URL of /fhir as the client reached it. */
function baseOf(req: FhirRequest): string {
  const host = typeof req.headers.host === 'string' ? req.headers.host : 'localhost';
  return `${req.protocol}://${host}/fhir`;
}

/** The search again, at another offset. */
function pageLink(
  base: string,
  query: Record<string, string | string[] | undefined>,
  offset: number,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name === '_offset' || value === undefined) continue;
    for (const one of [value].flat()) params.append(name, one);
  }
  if (offset > 0) params.set('_offset', String(offset));
  const text = params.toString();
  return `${base}/Task${text ? `?${text}` : ''}`;
}
