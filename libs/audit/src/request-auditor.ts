import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CORRELATION_ID_HEADER, SERVICE_LOGGER, type Principal } from '@samenspel/http';
import { currentTrace } from '@samenspel/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { actionOfMethod, resourceOfRoute, type AuditEntry, type AuditOutcome } from './audit-entry';
import { AuditTrail } from './audit-trail';
import type { AuditContext, AuditedOptions } from './audited.decorator';
import { AuditedRoutes } from './audited-routes';

/** An HTTP request as Express and the AuthGuard leave it. */
export interface AuditableRequest extends IncomingMessage {
  principal?: Principal;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  route?: { path?: unknown };
}

interface AuditState {
  /** What to record for this request, once the interceptor has seen it. */
  options?: AuditedOptions;
  /** Written (or tried, for a read that then failed): never twice. */
  done: boolean;
  traceId?: string;
  correlationId?: string;
  /** The youngster, as the handler named it with setAuditSubject or a refusal named it. */
  subject?: string;
  /** Set when a refusal hid a record that exists (a 404 for another team's): audited as denied. */
  outcome?: AuditOutcome;
}

const STATE = Symbol('samenspel.audit');
type WithState = AuditableRequest & { [STATE]?: AuditState };

export function auditStateOf(req: AuditableRequest): AuditState {
  const r = req as WithState;
  return (r[STATE] ??= { done: false });
}

/**
 * For a handler whose result does not name the youngster (or that may still refuse): tells the
 * audit record which youthRef the request is about. Call it as soon as the record is loaded, so a
 * denied attempt names the youngster too.
 */
export function setAuditSubject(req: object, youthRef: string): void {
  auditStateOf(req as AuditableRequest).subject = youthRef;
}

/**
 * A scope check that refused a record it loaded names the youngster (`subjectRef`) and, when it
 * answers 404 to hide the record, that the refusal was a denial (`denied`). Both errors of
 * @samenspel/contracts and @samenspel/http carry them; the answer never does.
 */
export function noteRefusal(req: AuditableRequest, error: unknown): void {
  if (error === null || typeof error !== 'object') return;
  const { subjectRef, denied } = error as { subjectRef?: unknown; denied?: unknown };
  const state = auditStateOf(req);
  if (typeof subjectRef === 'string' && subjectRef.length > 0) state.subject ??= subjectRef;
  if (denied === true) state.outcome = 'denied';
}

/** Every request by an admin is audited, also where the route itself is not. */
export function adminFallback(req: AuditableRequest): AuditedOptions {
  return { action: actionOfMethod(req.method ?? 'GET'), resource: resourceOfRoute(routeOf(req)) };
}

export function routeOf(req: AuditableRequest): string | undefined {
  return typeof req.route?.path === 'string' ? req.route.path : undefined;
}

/** Decides what a request leaves in the audit trail, and writes it. */
@Injectable()
export class RequestAuditor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly routes: AuditedRoutes,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Remembers the trace of the request while it is in scope (its AsyncLocalStorage). */
  noteTrace(req: AuditableRequest): void {
    const state = auditStateOf(req);
    const trace = currentTrace();
    if (!trace || state.traceId) return;
    state.traceId = trace.traceId;
    state.correlationId = trace.correlationId;
  }

  /** The options that apply: the route's own (when its `when` holds), else the admin fallback. */
  optionsFor(req: AuditableRequest, routeOptions: AuditedOptions | undefined): AuditedOptions | undefined {
    if (routeOptions && (!routeOptions.when || routeOptions.when({ req }))) return routeOptions;
    return req.principal?.role === 'admin' ? adminFallback(req) : undefined;
  }

  /** After the handler succeeded: a read whose record cannot be written fails (fail closed). */
  async afterSuccess(req: AuditableRequest, statusCode: number, result: unknown): Promise<void> {
    const state = auditStateOf(req);
    if (state.done || !state.options || !req.principal) return;
    state.done = true;
    try {
      await this.trail.recordAll(this.entriesFor(req, state.options, statusCode, { req, result }));
    } catch (error) {
      this.logger.error({ err: error, route: routeOf(req) }, 'an audit record could not be written');
      if (state.options.action === 'read') {
        throw new ServiceUnavailableException('The read could not be audited; try again later', {
          cause: error,
        });
      }
    }
  }

  /** Once the response is sent: denied and failed attempts, and requests no interceptor saw. */
  async afterResponse(req: AuditableRequest, res: ServerResponse): Promise<void> {
    const state = auditStateOf(req);
    if (state.done || !req.principal) return;
    const options = state.options ?? this.optionsFor(req, this.routes.lookup(req.method ?? '', routeOf(req)));
    if (!options) return;
    state.done = true;
    const correlation = res.getHeader(CORRELATION_ID_HEADER);
    if (!state.correlationId && typeof correlation === 'string') state.correlationId = correlation;
    try {
      await this.trail.recordAll(this.entriesFor(req, options, res.statusCode, { req }));
    } catch (error) {
      this.logger.error({ err: error, route: routeOf(req) }, 'an audit record could not be written');
    }
  }

  private entriesFor(
    req: AuditableRequest,
    options: AuditedOptions,
    statusCode: number,
    context: AuditContext,
  ): AuditEntry[] {
    const entry = this.entryFor(req, options, statusCode, context);
    if (!options.each) return [entry];
    return options.each(context).map((item) => ({
      ...entry,
      resourceId: item.id,
      subjectRef: item.subject,
      statusCode: item.statusCode ?? statusCode,
    }));
  }

  private entryFor(
    req: AuditableRequest,
    options: AuditedOptions,
    statusCode: number,
    context: AuditContext,
  ): AuditEntry {
    const principal = req.principal!;
    const state = auditStateOf(req);
    return {
      actor: principal,
      action: options.action,
      resourceType: options.resource,
      resourceId: options.id?.(context),
      subjectRef: options.subject?.(context) ?? state.subject,
      method: req.method,
      route: routeOf(req),
      statusCode,
      outcome: state.outcome,
      correlationId: state.correlationId,
      traceId: state.traceId,
    };
  }
}
