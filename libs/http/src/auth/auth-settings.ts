import type { BaseServiceConfig } from '../config/base-service-config';

/** The part of a service's config that token verification needs; any BaseServiceConfig fits. */
export type AuthSettings = Pick<
  BaseServiceConfig,
  | 'JWT_SECRET'
  | 'AUTH_JWKS_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_CLOCK_TOLERANCE_SECONDS'
  | 'AUTH_MAX_TOKEN_LIFETIME_SECONDS'
>;

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
