import { createHash, timingSafeEqual } from 'node:crypto';
import { AddressRanges } from '@samenspel/net';

/** The networks that may scrape without a token (loopback only, unless configured). */
export const DEFAULT_METRICS_ALLOWED_CIDRS = ['127.0.0.0/8', '::1/128'];

/** The config variables behind MetricsAccessSettings; a config without them gets the defaults. */
export interface MetricsAccessConfig {
  METRICS_ALLOWED_CIDRS?: string[];
  METRICS_TOKEN?: string;
}

export interface MetricsAccessSettings {
  allowedNetworks: AddressRanges;
  /** The bearer token that opens /metrics from any network; unset, only the networks may scrape. */
  token?: string;
}

export const METRICS_ACCESS_SETTINGS = Symbol('METRICS_ACCESS_SETTINGS');

export function metricsAccessSettings(config: MetricsAccessConfig): MetricsAccessSettings {
  return {
    allowedNetworks: new AddressRanges(config.METRICS_ALLOWED_CIDRS ?? DEFAULT_METRICS_ALLOWED_CIDRS),
    token: config.METRICS_TOKEN,
  };
}

/**
 * Who may scrape: a peer in an allowed network, or anyone with the scrape token. Without either the
 * answer is 401 when a token would open it, 403 when none is configured.
 */
export type MetricsAccess = 'allowed' | 'token-required' | 'network-refused';

export function metricsAccess(
  peerAddress: string | undefined,
  authorization: string | undefined,
  settings: MetricsAccessSettings,
): MetricsAccess {
  if (peerAddress !== undefined && settings.allowedNetworks.has(peerAddress)) return 'allowed';
  if (!settings.token) return 'network-refused';
  return authorization !== undefined && sameSecret(authorization, `Bearer ${settings.token}`)
    ? 'allowed'
    : 'token-required';
}

/** Compares digests, so neither the token's length nor its prefix shows in the time taken. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
