import type { BaseServiceConfig } from '../config/base-service-config';

/**
 * The part of a service's config that token verification needs; any BaseServiceConfig fits. The
 * claim mapping is optional: left out, the claims are read under Samenspel's own names.
 */
export type AuthSettings = Pick<
  BaseServiceConfig,
  | 'AUTH_JWKS_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_CLOCK_TOLERANCE_SECONDS'
  | 'AUTH_MAX_TOKEN_LIFETIME_SECONDS'
> &
  Partial<
    Pick<
      BaseServiceConfig,
      | 'AUTH_CLAIM_ROLE'
      | 'AUTH_CLAIM_TEAM_ID'
      | 'AUTH_CLAIM_ORG'
      | 'AUTH_CLAIM_MUNICIPALITY_CODES'
      | 'AUTH_ROLE_MAP'
      | 'AUTH_JWKS_COOLDOWN_SECONDS'
    >
  >;

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
