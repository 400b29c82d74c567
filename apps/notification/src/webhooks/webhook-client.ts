import { InvalidField, WebhookTargetNotAllowed } from '@samenspel/contracts';
import { bareAddress } from '@samenspel/net';
import { lookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  webhookAllowList,
  webhookTargetOf,
  webhookTargetRefusal,
  type RefusedAddressKind,
  type WebhookAllowList,
} from '../domain/webhook-target';

/** A delivery was not sent: the receiver's address is one the rule refuses. */
export class WebhookAddressRefused extends Error {
  constructor(readonly kind: RefusedAddressKind) {
    super(`address not allowed: ${kind}`);
    this.name = 'WebhookAddressRefused';
  }
}

/**
 * The webhooks' way out to receivers. Every address is checked against the rule of
 * domain/webhook-target.ts: at registration, as far as the name resolves then, and at each delivery
 * in the connection's own DNS lookup, so the socket connects only to an address that passed (no
 * window for a name to rebind between the check and the connection). Redirects are not followed:
 * a 3xx answer is a failed attempt, as a receiver's own redirect could lead anywhere.
 */
export class WebhookClient {
  private readonly allowList: WebhookAllowList;

  /** `allowedTargets`: WEBHOOK_ALLOWED_TARGETS, the CIDRs and `host:port` entries allowed besides the internet. */
  constructor(allowedTargets: readonly string[]) {
    this.allowList = webhookAllowList(allowedTargets);
  }

  /** Refuses a URL whose host is, or resolves to, a refused address; a name that does not resolve yet passes. */
  async assertAllowed(url: string): Promise<void> {
    if (!URL.canParse(url)) throw new InvalidField('url', 'must be an http or https URL');
    const target = new URL(url);
    const host = bareAddress(target.hostname);
    const addresses =
      isIP(host) !== 0
        ? [host]
        : await new Promise<string[]>((resolve) =>
            lookup(host, { all: true }, (error, found) => resolve(error ? [] : found.map((a) => a.address))),
          );
    const refusal = webhookTargetRefusal(webhookTargetOf(target), addresses, this.allowList);
    if (refusal) throw new WebhookTargetNotAllowed(refusal);
  }

  /** POSTs the body and resolves to the receiver's status code, whatever it is. */
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
    const target = new URL(url);
    const host = bareAddress(target.hostname);
    // An address in the URL is connected to without a lookup: it is checked here instead.
    if (isIP(host) !== 0) {
      const refusal = webhookTargetRefusal(webhookTargetOf(target), [host], this.allowList);
      if (refusal) return Promise.reject(new WebhookAddressRefused(refusal));
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          // A connection of its own, never a pooled socket to whatever the name meant before.
          agent: false,
          lookup: this.checkedLookup(target),
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** dns.lookup, failing when any address the name resolves to is refused. */
  private checkedLookup(target: URL): LookupFunction {
    const allowList = this.allowList;
    const where = webhookTargetOf(target);
    return ((hostname: string, options: LookupOptions, callback: LookupCallback) => {
      lookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        if (addresses.length === 0) return callback(new Error('no address'), '', 0);
        const refusal = webhookTargetRefusal(
          where,
          addresses.map((a) => a.address),
          allowList,
        );
        if (refusal) return callback(new WebhookAddressRefused(refusal), '', 0);
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0].address, addresses[0].family);
      });
    }) as LookupFunction;
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
