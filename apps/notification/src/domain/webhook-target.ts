import { AddressRanges, bareAddress, isAddressRange } from '@samenspel/net';
import { isIP } from 'node:net';

/** Why an address is no webhook target by default. */
export type RefusedAddressKind =
  | 'cloud-metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'not-an-address';

/**
 * The address ranges a webhook may not reach unless the allow-list names them: what a receiver
 * on the internet never is, and what would let a webhook probe the service's own host and network.
 * The first range that holds an address names its kind, so the metadata addresses come first.
 */
const REFUSED: ReadonlyArray<readonly [RefusedAddressKind, AddressRanges]> = [
  ['cloud-metadata', new AddressRanges(['169.254.169.254/32', 'fd00:ec2::254/128'])],
  ['unspecified', new AddressRanges(['0.0.0.0/8', '::/128'])],
  ['loopback', new AddressRanges(['127.0.0.0/8', '::1/128'])],
  // RFC 1918 and IPv6 unique local addresses (fc00::/7), with the deprecated site-local fec0::/10.
  ['private', new AddressRanges(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10'])],
  // Carrier-grade NAT (RFC 6598).
  ['shared', new AddressRanges(['100.64.0.0/10'])],
  ['link-local', new AddressRanges(['169.254.0.0/16', 'fe80::/10'])],
  ['multicast', new AddressRanges(['224.0.0.0/4', 'ff00::/8'])],
  ['reserved', new AddressRanges(['240.0.0.0/4'])],
];

/** The kind of a refused address, or undefined for one a webhook may reach. */
export function refusedAddressKind(address: string): RefusedAddressKind | undefined {
  if (isIP(bareAddress(address)) === 0) return 'not-an-address';
  return REFUSED.find(([, ranges]) => ranges.has(address))?.[0];
}

/** `receiver.intranet:8443`, `10.1.2.3:80` or `[fd12::1]:443`: one host on one port. */
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Whether an allow-list entry is a CIDR range or a `host:port`. */
export function isAllowListEntry(entry: string): boolean {
  const hostPort = HOST_PORT.exec(entry);
  if (hostPort) return Number(hostPort[2]) >= 1 && Number(hostPort[2]) <= 65535;
  return isAddressRange(entry);
}

/** What an installation lets its webhooks reach besides the internet: on-premise receivers. */
export interface WebhookAllowList {
  ranges: AddressRanges;
  hostPorts: ReadonlySet<string>;
}

export function webhookAllowList(entries: readonly string[]): WebhookAllowList {
  const hostPorts = entries.filter((entry) => HOST_PORT.test(entry)).map((entry) => entry.toLowerCase());
  return {
    ranges: new AddressRanges(entries.filter((entry) => !HOST_PORT.test(entry))),
    hostPorts: new Set(hostPorts),
  };
}

/** Where a delivery goes: the URL's host (a name, or an address, IPv6 in brackets) and port. */
export interface WebhookTarget {
  host: string;
  port: number;
}

export function webhookTargetOf(url: URL): WebhookTarget {
  return {
    host: url.hostname.toLowerCase(),
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
  };
}

/**
 * Why the target may not be reached at these addresses (those its host resolves to, or the one it
 * names), or undefined when it may. A `host:port` entry allows that host on that port whatever it
 * resolves to; a range allows the addresses in it; every other address must be none of REFUSED.
 */
export function webhookTargetRefusal(
  target: WebhookTarget,
  addresses: readonly string[],
  allowList: WebhookAllowList,
): RefusedAddressKind | undefined {
  if (allowList.hostPorts.has(`${target.host}:${target.port}`)) return undefined;
  for (const address of addresses) {
    if (allowList.ranges.has(address)) continue;
    const kind = refusedAddressKind(address);
    if (kind) return kind;
  }
  return undefined;
}
