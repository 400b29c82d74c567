import {
  ForbiddenException,
  HttpException,
  Injectable,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BrowserSessions } from '../session/browser-sessions';
import { ProviderUnavailableError } from '../session/oidc-relying-party';
import { comesFromOrigin } from '../session/session-cookies';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthenticatedRequest } from './authenticated-request';
import { UnknownRoleError } from './principal';
import { NAMED_ONLY_ROLES, type Role } from './role';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const KEYS_UNAVAILABLE = 'The keys to verify bearer tokens cannot be fetched; try again later';
const NO_KNOWN_ROLE = 'The bearer token carries no role known to Samenspel';
const SESSION_ENDED = 'The session has ended; sign in again';
const FOREIGN_ORIGIN = 'A change made with a browser session must come from a page of this service';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer[ ]+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)$/i;

/**
 * Global guard: every HTTP route needs a valid bearer token unless it is @Public(), and a route
 * with @Roles() needs one of those roles; a route without it refuses the roles that may call only
 * the routes naming them (policy). A token that cannot be trusted is answered 401, a valid one
 * without a known role 403. The principal is put on `request.principal`.
 *
 * In a service with browser sign-in (BrowserSessionModule), a request without an Authorization
 * header may instead carry the session cookie: the session's access token is then verified the same
 * way, and a state-changing request must come from a page of the service's own origin (CSRF defence).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Optional() private readonly sessions?: BrowserSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka consumers and other transports authenticate in their own way.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { principal, token } =
      !request.headers.authorization && this.sessions?.hasCookie(request)
        ? await this.authenticateSession(request, this.sessions)
        : await this.authenticate(request.headers.authorization);
    request.principal = principal;
    request.bearerToken = token;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    if (!roles && NAMED_ONLY_ROLES.includes(principal.role)) {
      throw new ForbiddenException(`A ${principal.role} token may call only the routes made for it`);
    }
    return true;
  }

  private async authenticateSession(request: AuthenticatedRequest, sessions: BrowserSessions) {
    if (!SAFE_METHODS.has(request.method ?? 'GET') && !comesFromOrigin(request.headers, sessions.origin)) {
      throw new ForbiddenException(FOREIGN_ORIGIN);
    }
    try {
      const access = await sessions.principalOf(request);
      if (access.kind !== 'active') throw new UnauthorizedException(SESSION_ENDED);
      return { principal: access.principal, token: access.accessToken };
    } catch (error) {
      if (error instanceof HttpException) throw error;
      if (error instanceof ProviderUnavailableError) throw new ServiceUnavailableException(error.message);
      throw toAuthException(error);
    }
  }

  private async authenticate(authorization: string | undefined) {
    const token = authorization ? BEARER.exec(authorization.trim())?.[1] : undefined;
    if (!token) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <JWT>)');
    try {
      return { principal: await this.verifier.verify(token), token };
    } catch (error) {
      throw toAuthException(error);
    }
  }
}

/** The HTTP answer to a TokenVerifier failure: 401 untrusted token, 403 no known role, 503 keys unavailable. */
export function toAuthException(error: unknown): HttpException {
  if (error instanceof InvalidTokenError) return new UnauthorizedException(error.message, { cause: error });
  // Who the caller is holds; what they may do here is nothing.
  if (error instanceof UnknownRoleError) return new ForbiddenException(NO_KNOWN_ROLE, { cause: error });
  return new ServiceUnavailableException(KEYS_UNAVAILABLE, { cause: error });
}
