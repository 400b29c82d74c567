import { Injectable } from '@nestjs/common';
import type { SignInAudit, SignInEvent } from '@samenspel/http';
import { AuditTrail } from './audit-trail';

/** The actor of a refused sign-in: who it was is not known, and nothing they typed is kept. */
const UNKNOWN_ACTOR = { sub: 'unknown', role: 'none' };

/**
 * Sign-ins, sign-outs and refused sign-ins in the audit trail, as resource `session`: a sign-in is a
 * create, a sign-out a delete, a refusal a denied create. Only the provider's subject is kept.
 */
@Injectable()
export class SignInAuditTrail implements SignInAudit {
  constructor(private readonly trail: AuditTrail) {}

  async record(event: SignInEvent): Promise<void> {
    await this.trail.record({
      actor: event.subject ? { sub: event.subject, role: event.role ?? 'none' } : UNKNOWN_ACTOR,
      action: event.kind === 'sign-out' ? 'delete' : 'create',
      resourceType: 'session',
      method: event.kind === 'sign-out' ? 'POST' : 'GET',
      route: event.route,
      statusCode: event.statusCode,
      outcome: event.kind === 'sign-in-refused' ? 'denied' : 'success',
    });
  }
}
