import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { catchError, mergeMap, type Observable } from 'rxjs';
import { AUDITED_KEY, type AuditedOptions } from './audited.decorator';
import { auditStateOf, noteRefusal, RequestAuditor, type AuditableRequest } from './request-auditor';

/**
 * Global: writes the audit record of an @Audited route (and of any admin request) once the
 * handler succeeded, before the response goes out. Denied and failed attempts are written by
 * the AuditMiddleware once the response is sent, with the youngster a refusal names.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly auditor: RequestAuditor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<AuditableRequest>();
    const res = http.getResponse<ServerResponse>();
    const routeOptions = this.reflector.getAllAndOverride<AuditedOptions | undefined>(AUDITED_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const options = this.auditor.optionsFor(req, routeOptions);
    if (!options) return next.handle();
    auditStateOf(req).options = options;
    this.auditor.noteTrace(req);
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        await this.auditor.afterSuccess(req, res.statusCode, result);
        return result;
      }),
      catchError((error: unknown) => {
        noteRefusal(req, error);
        throw error;
      }),
    );
  }
}
