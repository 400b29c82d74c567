import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import type { HttpSecuritySettings } from './http-security-settings';

const MINUTE_MS = 60_000;
export const RATE_LIMITED_DETAIL =
  'Too many requests from this caller; retry after the seconds in Retry-After';

type TrackedRequest = Pick<AuthenticatedRequest, 'principal' | 'headers'> & { ip?: string };

/**
 * Whose budget a request spends: the verified token's subject (the AuthGuard ran before), else a
 * hash of a bearer token on a public route, else the client address. Never the token itself.
 */
export function rateLimitTracker(request: TrackedRequest): string {
  if (request.principal) return `sub:${request.principal.sub}`;
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^Bearer\s+\S/i.test(authorization)) {
    return `token:${createHash('sha256').update(authorization.trim()).digest('hex').slice(0, 32)}`;
  }
  return `ip:${request.ip ?? 'unknown'}`;
}

/** One budget per caller per minute across all routes; our own services get a larger one. */
export function rateLimitOptions(settings: HttpSecuritySettings): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'default',
        ttl: MINUTE_MS,
        limit: (context: ExecutionContext) =>
          context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.role === 'service'
            ? settings.serviceRateLimitPerMinute
            : settings.rateLimitPerMinute,
      },
    ],
    getTracker: (request) => rateLimitTracker(request as TrackedRequest),
    // One budget per caller, not one per route (the library's default key includes the handler).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    errorMessage: RATE_LIMITED_DETAIL,
  };
}

/**
 * The throttler as a global guard behind the AuthGuard (so it sees the principal). Only HTTP is
 * limited: Kafka handlers pass through the same global guards. A limited request gets 429 with
 * Retry-After; the problem filter answers it as problem+json.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }
}
