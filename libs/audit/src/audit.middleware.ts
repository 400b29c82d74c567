import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { RequestAuditor, type AuditableRequest } from './request-auditor';

/** Audits what the interceptor could not: attempts that were denied or failed, once answered. */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  constructor(private readonly auditor: RequestAuditor) {}

  use(req: AuditableRequest, res: ServerResponse, next: () => void): void {
    this.auditor.noteTrace(req);
    res.once('finish', () => void this.auditor.afterResponse(req, res));
    next();
  }
}
