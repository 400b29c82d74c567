import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { createLogger } from '@samenspel/observability';
import { AuthGuard } from './auth/auth.guard';
import { AUTH_SETTINGS, type AuthSettings } from './auth/auth-settings';
import { TokenVerifier } from './auth/token-verifier';
import { BaseServiceConfig } from './config/base-service-config';
import { loadConfig } from './config/validate-config';
import { HealthController } from './health/health.controller';
import {
  READINESS_CHECKS,
  readinessChecksProvider,
  type ReadinessChecksOption,
} from './health/readiness-check';
import { createHttpRequestDuration, HTTP_REQUEST_DURATION } from './metrics/http-metrics';
import {
  metricsAccessSettings,
  METRICS_ACCESS_SETTINGS,
  type MetricsAccessConfig,
} from './metrics/metrics-access';
import { MetricsController } from './metrics/metrics.controller';
import { createMetricsRegistry, MetricsRegistry } from './metrics/metrics-registry';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { RequestBodyInterceptor } from './problem/request-body.interceptor';
import { RequestMetricsMiddleware } from './request-context/request-metrics.middleware';
import { TraceContextMiddleware } from './request-context/trace-context.middleware';
import {
  HTTP_SECURITY_SETTINGS,
  httpSecuritySettings,
  type HttpSecurityConfig,
} from './security/http-security-settings';
import { RateLimitGuard, rateLimitOptions } from './security/rate-limit';
import { SERVICE_LOGGER } from './service-logger';

export interface HttpPlatformOptions {
  /** The service's name, e.g. 'referral': the `service` of its logs and metrics. */
  service: string;
  /** The service's loaded config; defaults to BaseServiceConfig read from process.env. */
  config?: AuthSettings & HttpSecurityConfig & MetricsAccessConfig & { LOG_LEVEL?: string };
  /** What /health/ready checks: a list, or a factory that injects other modules' providers. */
  readinessChecks?: ReadinessChecksOption;
}

/**
 * The HTTP conventions of every service: bearer-token auth, problem+json errors, JSON bodies only
 * where a route takes one, health, metrics and trace context. Global, so its logger, MetricsRegistry and TokenVerifier inject anywhere.
 */
@Module({})
export class HttpPlatformModule implements NestModule {
  static forRoot(options: HttpPlatformOptions): DynamicModule {
    const checks = options.readinessChecks;
    const config = options.config ?? loadConfig(BaseServiceConfig);
    const security = httpSecuritySettings(config);
    return {
      module: HttpPlatformModule,
      global: true,
      imports: [
        TerminusModule.forRoot(),
        ThrottlerModule.forRoot(rateLimitOptions(security)),
        ...(checks && !Array.isArray(checks) ? (checks.imports ?? []) : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: config },
        { provide: HTTP_SECURITY_SETTINGS, useValue: security },
        { provide: METRICS_ACCESS_SETTINGS, useValue: metricsAccessSettings(config) },
        {
          provide: SERVICE_LOGGER,
          useFactory: () => createLogger(options.service, options.config?.LOG_LEVEL),
        },
        { provide: MetricsRegistry, useFactory: () => createMetricsRegistry(options.service) },
        { provide: HTTP_REQUEST_DURATION, useFactory: createHttpRequestDuration, inject: [MetricsRegistry] },
        readinessChecksProvider(checks),
        TokenVerifier,
        TraceContextMiddleware,
        RequestMetricsMiddleware,
        { provide: APP_GUARD, useClass: AuthGuard },
        // After the AuthGuard (guards run in this order), so the limit is per verified caller.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestBodyInterceptor },
      ],
      exports: [
        AUTH_SETTINGS,
        HTTP_SECURITY_SETTINGS,
        SERVICE_LOGGER,
        MetricsRegistry,
        TokenVerifier,
        READINESS_CHECKS,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TraceContextMiddleware, RequestMetricsMiddleware).forRoutes('{*splat}');
  }
}
