import type { BaseServiceConfig } from '../config/base-service-config';

/** The part of a service's config that browser sign-in needs; any BaseServiceConfig fits. */
export type SessionSettings = Pick<
  BaseServiceConfig,
  | 'AUTH_ISSUER'
  | 'SIGN_IN_CLIENT_ID'
  | 'SIGN_IN_CLIENT_SECRET'
  | 'SIGN_IN_SCOPES'
  | 'SESSION_IDLE_TIMEOUT_SECONDS'
  | 'SESSION_MAX_LIFETIME_SECONDS'
  | 'SESSION_REFRESH_BEFORE_EXPIRY_SECONDS'
  | 'SESSION_COOKIE_SECURE'
  | 'PUBLIC_BASE_URL'
  | 'PORT'
>;

/** Encrypts the tokens of a session at rest; the NoteCipher of libs/persistence fits. */
export interface SessionTokenCipher {
  encrypt(plaintext: string, boundTo: string): string;
  decrypt(stored: string, boundTo: string): string;
}

/** Records sign-ins, sign-outs and refused sign-ins; libs/audit provides it. */
export interface SignInAudit {
  record(event: SignInEvent): Promise<void>;
}

export interface SignInEvent {
  kind: 'sign-in' | 'sign-out' | 'sign-in-refused';
  /** The provider's `sub` of the person; nothing else about them. */
  subject?: string;
  role?: string;
  route: string;
  statusCode: number;
}

export const SESSION_SETTINGS = Symbol('SESSION_SETTINGS');
export const SESSION_TOKEN_CIPHER = Symbol('SESSION_TOKEN_CIPHER');
export const SIGN_IN_AUDIT = Symbol('SIGN_IN_AUDIT');
