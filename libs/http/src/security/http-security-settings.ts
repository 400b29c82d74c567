/** The limits of the HTTP edge, read from the validated config (BaseServiceConfig). */
export interface HttpSecuritySettings {
  /** The largest JSON or form body accepted, in body-parser's notation (`100kb`, `1mb`). */
  bodyLimit: string;
  /** Requests per minute of one caller (the token's subject, or the address without a token). */
  rateLimitPerMinute: number;
  /** Requests per minute of one of our own services (role `service`), which call per event. */
  serviceRateLimitPerMinute: number;
}

/** The config variables behind HttpSecuritySettings; a config without them gets the defaults. */
export interface HttpSecurityConfig {
  HTTP_BODY_LIMIT?: string;
  RATE_LIMIT_PER_MINUTE?: number;
  RATE_LIMIT_SERVICE_PER_MINUTE?: number;
}

export const DEFAULT_HTTP_BODY_LIMIT = '100kb';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
// Our services call per event: this only stops a runaway loop or a leaked service token.
export const DEFAULT_SERVICE_RATE_LIMIT_PER_MINUTE = 600000;

export const HTTP_SECURITY_SETTINGS = Symbol('HTTP_SECURITY_SETTINGS');

export function httpSecuritySettings(config: HttpSecurityConfig): HttpSecuritySettings {
  return {
    bodyLimit: config.HTTP_BODY_LIMIT ?? DEFAULT_HTTP_BODY_LIMIT,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    serviceRateLimitPerMinute: config.RATE_LIMIT_SERVICE_PER_MINUTE ?? DEFAULT_SERVICE_RATE_LIMIT_PER_MINUTE,
  };
}
