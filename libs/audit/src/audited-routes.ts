import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { API_PREFIX } from '@samenspel/http';
import { AUDITED_KEY, type AuditedOptions } from './audited.decorator';

/** `/api/v1//referrals/` and `api/v1/referrals` are the same route: `/api/v1/referrals`. */
export function normalizeRoute(...parts: string[]): string {
  return `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;
}

/**
 * The @Audited routes by method and route template. A request the AuthGuard turns away never
 * reaches an interceptor; this lets the audit find the route's options from `req.route` anyway.
 */
@Injectable()
export class AuditedRoutes {
  private routes?: Map<string, AuditedOptions>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  lookup(method: string, route: string | undefined): AuditedOptions | undefined {
    if (!route) return undefined;
    this.routes ??= this.collect();
    return this.routes.get(`${method.toUpperCase()} ${normalizeRoute(route)}`);
  }

  private collect(): Map<string, AuditedOptions> {
    const routes = new Map<string, AuditedOptions>();
    for (const { instance, metatype } of this.discovery.getControllers()) {
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      const controllerPaths = asArray(Reflect.getMetadata(PATH_METADATA, metatype));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const options = this.reflector.getAllAndOverride<AuditedOptions | undefined>(AUDITED_KEY, [
          handler,
          metatype,
        ]);
        if (requestMethod === undefined || !options) continue;
        for (const controllerPath of controllerPaths) {
          for (const methodPath of asArray(Reflect.getMetadata(PATH_METADATA, handler))) {
            // Under the API prefix, and without it for a route served outside it (/fhir).
            for (const route of [
              normalizeRoute(API_PREFIX, controllerPath, methodPath),
              normalizeRoute(controllerPath, methodPath),
            ]) {
              routes.set(`${RequestMethod[requestMethod]} ${route}`, options);
            }
          }
        }
      }
    }
    return routes;
  }
}

function asArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : ['/'];
}
