import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { PinoNestLogger } from '@samenspel/observability';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { serveFavicon } from './favicon';
import { createOpenApiDocument, type OpenApiOptions } from './openapi/openapi-document';
import { answerClientErrorsWithProblems } from './problem/client-error';
import { createValidationPipe } from './problem/validation-pipe';
import { HTTP_SECURITY_SETTINGS, type HttpSecuritySettings } from './security/http-security-settings';
import { SECURITY_HEADERS } from './security/security-headers';
import { SERVICE_LOGGER } from './service-logger';

export const API_PREFIX = 'api/v1';
/** Served outside the API prefix: probes, scrapes and docs keep stable paths across API versions. */
export const UNPREFIXED_ROUTES = ['health/{*splat}', 'metrics', 'docs', 'docs-json'];

export interface HttpAppOptions extends OpenApiOptions {
  /** More routes outside the API prefix, e.g. a web page at `/`. */
  unprefixedRoutes?: string[];
}

/**
 * Applies the shared HTTP conventions to an app built with HttpPlatformModule; call it before
 * `app.listen()`. Create the app with `{ bufferLogs: true }` so start-up logs reach pino too.
 */
export function configureHttpApp<T extends INestApplication>(app: T, options: HttpAppOptions): T {
  app.useLogger(new PinoNestLogger(app.get<Logger>(SERVICE_LOGGER)));
  // Before Nest's own parsers: a body over the limit is refused with 413 before it is read whole.
  const { bodyLimit } = app.get<HttpSecuritySettings>(HTTP_SECURITY_SETTINGS);
  app.use(helmet(SECURITY_HEADERS));
  app.use(serveFavicon);
  const express = app as unknown as NestExpressApplication;
  // JSON only, in its structured-syntax media types too (FHIR resources, JSON Patch documents): any
  // other body is refused with 415 (RequestBodyInterceptor), so none is parsed.
  express.useBodyParser('json', { limit: bodyLimit, type: ['application/json', 'application/*+json'] });
  setApiPrefix(app, options.unprefixedRoutes);
  app.useGlobalPipes(createValidationPipe());
  answerClientErrorsWithProblems(app.getHttpServer());
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app, options), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}

/** Serves every route under /api/v1 except health, metrics, docs and the given ones. */
export function setApiPrefix(app: INestApplication, unprefixedRoutes: string[] = []): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [...UNPREFIXED_ROUTES, ...unprefixedRoutes] });
}
