import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './authenticated-request';
import type { Role } from './role';

export const IS_PUBLIC_KEY = 'samenspel:public';
export const ROLES_KEY = 'samenspel:roles';

/** Lets a route (or every route of a controller) be called without a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Limits a route (or controller) to callers with one of the roles; others get a 403. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the request (undefined on a @Public route). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

/** The caller's verified bearer token (undefined on a @Public route): to act on another service as them. */
export const CurrentBearerToken = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().bearerToken,
);
