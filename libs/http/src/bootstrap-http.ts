import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PinoNestLogger } from '@samenspel/observability';
import type { Logger } from 'pino';
import { createValidationPipe } from './problem/validation-pipe';
import { SERVICE_LOGGER } from './service-logger';

export const API_PREFIX = 'api/v1';
/** Served outside the API prefix: probes, scrapes and docs keep stable paths across API versions. */
export const UNPREFIXED_ROUTES = ['health/{*splat}', 'metrics', 'docs', 'docs-json'];

export interface HttpAppOptions {
  service: string;
  /** The service's version, shown in its OpenAPI document. */
  version: string;
  /** More routes outside the API prefix, e.g. a web page at `/`. */
  unprefixedRoutes?: string[];
}

/**
 * Applies the shared HTTP conventions to an app built with HttpPlatformModule; call it before
 * `app.listen()`. Create the app with `{ bufferLogs: true }` so start-up logs reach pino too.
 */
export function configureHttpApp<T extends INestApplication>(app: T, options: HttpAppOptions): T {
  app.useLogger(new PinoNestLogger(app.get<Logger>(SERVICE_LOGGER)));
  app.setGlobalPrefix(API_PREFIX, { exclude: [...UNPREFIXED_ROUTES, ...(options.unprefixedRoutes ?? [])] });
  app.useGlobalPipes(createValidationPipe());

  const document = new DocumentBuilder()
    .setTitle(`Samenspel ${options.service}`)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}
