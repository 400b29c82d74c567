import { BlockList, isIP } from 'node:net';

/** `10.0.0.0/8`, `fd00::/8`, or one address (`127.0.0.1`, `::1`) as a range of its own. */
const CIDR = /^([^/\s]+)(?:\/(\d{1,3}))?$/;

/** An IP address without the brackets a URL puts around IPv6: `[::1]` becomes `::1`. */
export function bareAddress(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Whether `text` is an IPv4 or IPv6 range in CIDR notation, or one address. */
export function isAddressRange(text: string): boolean {
  return parseRange(text) !== undefined;
}

function parseRange(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const match = CIDR.exec(text.trim());
  if (!match) return undefined;
  const version = isIP(match[1]);
  if (version === 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  const prefix = match[2] === undefined ? bits : Number(match[2]);
  if (prefix > bits) return undefined;
  return { address: match[1], prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * A set of IP ranges. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is in an IPv4 range as the
 * IPv4 address it maps, so the one address cannot pass as the other.
 */
export class AddressRanges {
  private readonly list = new BlockList();

  constructor(ranges: readonly string[]) {
    for (const text of ranges) {
      const range = parseRange(text);
      if (!range) throw new Error('not an IP range in CIDR notation');
      this.list.addSubnet(range.address, range.prefix, range.family);
    }
  }

  /** Whether the address is in one of the ranges; something that is not an address is in none. */
  has(address: string): boolean {
    const bare = bareAddress(address);
    const version = isIP(bare);
    if (version === 0) return false;
    return this.list.check(bare, version === 4 ? 'ipv4' : 'ipv6');
  }
}
