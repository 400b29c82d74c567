import 'reflect-metadata';

export * from './config/base-service-config';
export * from './config/validate-config';

export * from './auth/role';
export * from './auth/principal';
export * from './auth/auth-settings';
export * from './auth/authenticated-request';
export * from './auth/auth.decorators';
export * from './auth/token-verifier';
export * from './auth/auth.guard';

export * from './problem/problem-details';
export * from './problem/http-errors';
export * from './problem/validation-pipe';
export * from './problem/path-params';
export * from './problem/request-body.interceptor';
export * from './problem/problem-mapper';
export * from './problem/problem-details.filter';
export * from './problem/problem-responses';

export * from './health/readiness-check';
export * from './health/not-ready.error';
export * from './metrics/metrics-registry';
export * from './metrics/http-metrics';
export * from './metrics/metrics-access';
export * from './metrics/metric-labels';
export * from './request-context/trace-context.middleware';
export * from './service-logger';

export * from './http-platform.module';
export * from './bootstrap-http';
export * from './favicon';
export * from './openapi/openapi-document';
export * from './controller-methods';
export * from './config/iso-duration';
export * from './config/int-setting';
export * from './config/parsed-setting';
export * from './pagination/page-query';
export * from './bodies/youth-voice-body';
export * from './pagination/page-of';
export * from './query/query-fields';
export * from './security/http-security-settings';
export * from './security/rate-limit';
export * from './security/security-headers';
export * from './client/json-http-client';
export * from './auth/client-credentials-token-source';

export * from './session';
